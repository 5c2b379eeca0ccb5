{{ fact_config() }}

with lines as (
    select
        *,
        {{ is_part_measure('table_name', 'measure') }} as is_part
    from {{ ref('int_budget_lines') }}
    where
        table_name = 'general_budget_basic_expenditure'
        and subject_code is not null
        {{ new_documents_only() }}
),

-- One printing per code: its first (a code printed twice is extraction.duplicate_key).
first_rows as (
    select
        document_id,
        subject_code,
        table_seq,
        page_number,
        row_index
    from lines
    qualify row_number() over (
        partition by document_id, subject_code order by table_seq, page_number, row_index
    ) = 1
),

-- The code's amount is its row's total: the figure a one-column row prints; the 合计 of a row printing
-- 合计 | 人员经费 | 公用经费 side by side (Shanghai budgets); else the sum of the parts (macros/is_part_measure.sql)
-- the row prints. Each part is a measure of its own cell, so every build gives the same figure.
codes as (
    select
        lines.document_id,
        lines.subject_code,
        lines.page_number,
        lines.ingested_at,
        any_value(lines.row_label) as printed_name,
        coalesce(
            arg_min(lines.amount_wan, lines.col_index) filter (where not lines.is_part),
            sum(lines.amount_wan) filter (where lines.is_part)
        )::decimal(20, 6) as amount_wan
    from lines
    inner join first_rows
        on
            lines.document_id = first_rows.document_id
            and lines.subject_code = first_rows.subject_code
            and lines.table_seq = first_rows.table_seq
            and lines.page_number = first_rows.page_number
            and lines.row_index = first_rows.row_index
    group by lines.document_id, lines.subject_code, lines.page_number, lines.ingested_at
)

-- 人员经费 = 301 + 303; everything else in the table is 公用经费 (docs/DOMAIN.md, 'Subject codes').
select
    document_id,
    subject_code as economic_code,
    printed_name,
    amount_wan,
    page_number,
    ingested_at,
    {{ subject_level('subject_code') }} as level,
    case when left(subject_code, 3) in ('301', '303') then 'personnel' else 'public' end as expense_group
from codes
