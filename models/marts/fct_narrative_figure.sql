{{ fact_config() }}

-- Figures the 情况说明 states, with the table figure each describes when a table holds it.
-- A percentage whose base the sentence does not state ("公务接待费决算为 0.39 万元，完成预算的
-- 19.50%") takes it from the table figure its base_topic names.
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
),

based as (
    select
        figures.* exclude (base_wan),
        coalesce(figures.base_wan, base_figures.amount_wan) as base_wan,
        case when figures.base_wan is null then base_figures.page_number end as base_page_number
    from figures
    left join table_figures as base_figures
        on
            figures.document_id = base_figures.document_id
            and figures.base_topic = base_figures.topic
            and base_figures.subject_code is null
)

select
    figures.document_id,
    figures.figure_seq,
    figures.topic,
    figures.subject_code,
    figures.stated_text,
    figures.stated_wan,
    {{ stated_half_unit_wan('figures.stated_text') }} as stated_half_unit_wan,
    figures.stated_rate,
    figures.base_wan,
    figures.base_page_number,
    figures.page_number,
    figures.context,
    table_figures.table_name,
    table_figures.amount_wan as table_wan,
    table_figures.value_text as table_text,
    table_figures.half_unit_wan as table_half_unit_wan,
    table_figures.page_number as table_page_number,
    documents.ingested_at
from based as figures
inner join documents on figures.document_id = documents.document_id
left join table_figures
    on
        figures.document_id = table_figures.document_id
        and figures.topic = table_figures.topic
        and coalesce(figures.subject_code, '') = coalesce(table_figures.subject_code, '')
where
    true
    {{ new_documents_only('documents.ingested_at') }}
