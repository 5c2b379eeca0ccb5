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
qualify row_number() over (partition by document_id, subject_code order by page_number, row_index) = 1
