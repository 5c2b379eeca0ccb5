-- Every (code, printed name) pair the documents print, with the level and
-- parent the code implies, in the classification its table is keyed by (macros/is_economic_table.sql).
with lines as (
    select * from {{ ref('int_budget_lines') }}
    where subject_code is not null
)

select
    subject_code,
    row_label as printed_name,
    {{ subject_level('subject_code') }} as level,
    {{ parent_code('subject_code') }} as parent_code,
    count(distinct document_id) as document_count,
    min(page_number) as first_page_number,
    classification
from lines
where
    row_label is not null and row_label != ''
    and table_name not in ('income_expenditure_summary', 'fiscal_appropriation_summary')
group by all
