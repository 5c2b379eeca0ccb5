{{ fact_config() }}

-- Figures of the 部门决算公开相关信息统计表 (procurement, 机关运行经费,
-- vehicles): item = printed section caption and row label, value as printed.
with documents as (
    select
        document_id,
        ingested_at
    from {{ ref('stg_documents') }}
)

select
    printed_statistics.document_id,
    printed_statistics.page_number,
    printed_statistics.value_text,
    documents.ingested_at,
    printed_statistics.value,
    printed_statistics.item,
    printed_statistics.unit,
    printed_statistics.statistic_seq
from {{ ref('int_disclosure_statistics') }} as printed_statistics
inner join documents on printed_statistics.document_id = documents.document_id
where
    true
    {{ new_documents_only('documents.ingested_at') }}
