{{ fact_config() }}

-- One row per code: a code the table prints twice (extraction.duplicate_key) contributes
-- its first printing, never the sum of both.
with lines as (
    select * from {{ ref('int_budget_lines') }}
    where
        table_name = 'expenditure' and subject_code is not null
        {{ new_documents_only() }}
    qualify row_number() over (
        partition by document_id, subject_code, measure order by table_seq, page_number, row_index, col_index
    ) = 1
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
