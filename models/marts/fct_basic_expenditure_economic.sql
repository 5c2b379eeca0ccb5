{{ fact_config() }}

-- 人员经费 = 301 + 303; everything else in the table is 公用经费 (docs/DOMAIN.md, 'Subject codes').
select
    document_id,
    subject_code as economic_code,
    row_label as printed_name,
    amount_wan,
    page_number,
    ingested_at,
    {{ subject_level('subject_code') }} as level,
    case when left(subject_code, 3) in ('301', '303') then 'personnel' else 'public' end as expense_group
from {{ ref('int_budget_lines') }}
where
    table_name = 'general_budget_basic_expenditure'
    and subject_code is not null
    {{ new_documents_only() }}
-- One row per code: its first printing (a code printed twice is extraction.duplicate_key). A budget
-- row may print 合计 | 人员经费 | 公用经费 side by side (Shanghai budgets); the code's amount is the
-- row's total, so a part column (macros/is_part_measure.sql) comes after it, and col_index makes the
-- order total so every build keeps the same line.
qualify row_number() over (
    partition by document_id, subject_code
    order by
        table_seq, page_number, row_index,
        {{ is_part_measure('table_name', 'measure') }},
        col_index
) = 1
