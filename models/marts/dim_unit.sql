select
    unit_name,
    region,
    null::varchar as parent_department,
    md5(concat_ws('|', unit_name, region)) as unit_id,
    case max(report_kind) when '部门' then 'department' when '单位' then 'unit' end as level,
    count(*) as document_count,
    min(fiscal_year) as first_fiscal_year,
    max(fiscal_year) as last_fiscal_year
from {{ ref('stg_documents') }}
group by unit_name, region
