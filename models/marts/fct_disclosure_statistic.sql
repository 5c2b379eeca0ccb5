{{ fact_config() }}

-- Figures of the 部门决算公开相关信息统计表 (procurement, 机关运行经费,
-- vehicles): item = printed section caption and row label, value as printed.
with cells as (
    select * from {{ ref('stg_table_cells') }}
    where table_name = 'disclosure_statistics' and cell_status = 'number'
),

documents as (
    select
        document_id,
        ingested_at
    from {{ ref('stg_documents') }}
)

select
    cells.document_id,
    cells.page_number,
    cells.value_text,
    documents.ingested_at,
    cells.amount_wan as value,
    concat_ws('/', cells.section_label, nullif(cells.row_label, '')) as item,
    case
        when cells.header_text like '%辆%' or cells.row_label like '%辆%' then '辆'
        when cells.header_text like '%台%' or cells.row_label like '%台%' then '台套'
        when cells.header_text like '%万元%' or cells.row_label like '%万元%' then '万元'
    end as unit,
    row_number() over (partition by cells.document_id order by cells.page_number, cells.row_index, cells.col_index)
        as statistic_seq
from cells
inner join documents on cells.document_id = documents.document_id
where
    true
    {{ new_documents_only('documents.ingested_at') }}
