-- Layout family from what the document prints: Sichuan numbers its tables
-- 财决公开NN表, the provincial 公开NN表 families are told apart by table count
-- (10 with the statistics table: Shanxi), Shanghai prints no numbering.
with documents as (
    select * from {{ ref('stg_documents') }}
),

tables as (
    select
        document_id,
        count(*) as table_count,
        count(*) filter (where numbering like '财决公开%') as sichuan_numbered,
        count(*) filter (where numbering like '公开%') as gongkai_numbered,
        count(*) filter (where table_name = 'disclosure_statistics') as statistics_tables
    from {{ ref('stg_table_instances') }}
    group by document_id
)

select
    documents.document_id,
    documents.source_file,
    documents.unit_name,
    documents.fiscal_year,
    documents.region,
    documents.report_kind,
    documents.scope,
    documents.page_count,
    documents.ingested_at,
    documents.extractor_version,
    coalesce(tables.table_count, 0) as table_count,
    case
        when tables.sichuan_numbered > 0 then 'sichuan'
        when tables.statistics_tables > 0 then 'shanxi'
        when tables.gongkai_numbered > 0 then 'gongkai_numbered'
        when documents.region like '上海%' then 'shanghai'
        when tables.table_count > 0 then 'unnumbered'
        else 'no_tables'
    end as layout_family,
    {{ unit_id('documents.unit_name', 'documents.region') }} as unit_id,
    -- A report may come as several PDFs (Jiangsu: tables and 情况说明 apart): one report_id.
    {{ report_id(
        'documents.document_id', 'documents.report_kind', 'documents.scope', 'documents.fiscal_year',
        'documents.unit_name', 'documents.region'
    ) }} as report_id
from documents
left join tables on documents.document_id = tables.document_id
