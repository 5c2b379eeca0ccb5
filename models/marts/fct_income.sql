{{ fact_config() }}

-- One row per code: a code the table prints twice (extraction.duplicate_key) contributes
-- its first printing, never the sum of both.
with lines as (
    select * from {{ ref('int_budget_lines') }}
    where
        table_name = 'income' and subject_code is not null
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
    sum(amount_wan) filter (where measure = 'fiscal_appropriation') as fiscal_appropriation_wan,
    sum(amount_wan) filter (where measure = 'superior_subsidy') as superior_subsidy_wan,
    sum(amount_wan) filter (where measure = 'business') as business_wan,
    sum(amount_wan) filter (where measure = 'operating') as operating_wan,
    sum(amount_wan) filter (where measure = 'subsidiary_remit') as subsidiary_remit_wan,
    sum(amount_wan) filter (where measure = 'other') as other_wan
from lines
group by document_id, subject_code
