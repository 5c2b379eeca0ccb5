{{ fact_config() }}

-- Figures the 情况说明 states, with the table figure each describes when a table holds it.
with figures as (
    select * from {{ ref('stg_narrative_figures') }}
),

documents as (
    select
        document_id,
        ingested_at
    from {{ ref('stg_documents') }}
),

table_figures as (
    select * from {{ ref('int_narrative_table_figures') }}
)

select
    figures.document_id,
    figures.figure_seq,
    figures.topic,
    figures.subject_code,
    figures.stated_text,
    figures.stated_wan,
    figures.stated_rate,
    figures.base_wan,
    figures.page_number,
    figures.context,
    table_figures.table_name,
    table_figures.amount_wan as table_wan,
    table_figures.value_text as table_text,
    table_figures.page_number as table_page_number,
    documents.ingested_at
from figures
inner join documents on figures.document_id = documents.document_id
left join table_figures
    on
        figures.document_id = table_figures.document_id
        and figures.topic = table_figures.topic
        and coalesce(figures.subject_code, '') = coalesce(table_figures.subject_code, '')
where
    true
    {{ new_documents_only('documents.ingested_at') }}
