{{ fact_config() }}

with lines as (
    select * from {{ ref('int_budget_lines') }}
    where
        table_name = 'expenditure' and subject_code is not null
        {{ new_documents_only() }}
)

select
    document_id,
    subject_code,
    max(ingested_at) as ingested_at,
    min(page_number) as page_number,
    sum(amount_wan) filter (where measure = 'total') as total_wan,
    sum(amount_wan) filter (where measure = 'basic') as basic_wan,
    sum(amount_wan) filter (where measure = 'project') as project_wan,
    sum(amount_wan) filter (where measure = 'remit_to_superior') as remit_to_superior_wan,
    sum(amount_wan) filter (where measure = 'operating') as operating_wan,
    sum(amount_wan) filter (where measure = 'subsidiary_grant') as subsidiary_grant_wan
from lines
group by document_id, subject_code
