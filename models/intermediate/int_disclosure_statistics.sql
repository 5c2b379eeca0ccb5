-- Figures of the 部门决算公开相关信息统计表 (procurement, 机关运行经费, vehicles), one per printed
-- number: item = printed section caption and row label, the unit its header or label names, and
-- its place in the document's reading order (statistic_seq).
with cells as (
    select * from {{ ref('stg_table_cells') }}
    where table_name = 'disclosure_statistics' and cell_status = 'number'
)

select
    document_id,
    page_number,
    value_text,
    amount_wan as value,
    concat_ws('/', section_label, nullif(row_label, '')) as item,
    case
        when header_text like '%辆%' or row_label like '%辆%' then '辆'
        when header_text like '%台%' or row_label like '%台%' then '台套'
        when header_text like '%万元%' or row_label like '%万元%' then '万元'
    end as unit,
    row_number() over (partition by document_id order by page_number, row_index, col_index) as statistic_seq
from cells
