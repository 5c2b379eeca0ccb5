-- One project: identified by its printed code when there is one, else by its
-- name within its 主管部门, so the same project is one row across years.
with sheets as (
    select
        sheets.*,
        documents.fiscal_year,
        documents.unit_name
    from {{ ref('stg_performance_sheets') }} as sheets
    inner join {{ ref('stg_documents') }} as documents on sheets.document_id = documents.document_id
    where sheets.sheet_kind = 'project' and sheets.project_name is not null
)

select
    {{ project_id('project_code', 'project_name', 'department', 'unit_name') }} as project_id,
    any_value(project_name order by fiscal_year desc) as project_name,
    any_value(project_code) as project_code,
    any_value(coalesce(department, unit_name) order by fiscal_year desc) as department,
    any_value(implementer order by fiscal_year desc) as implementer,
    any_value(project_type) as project_type,
    any_value(project_attribute) as project_attribute,
    min(fiscal_year) as first_fiscal_year,
    max(fiscal_year) as last_fiscal_year,
    count(*) as sheet_count
from sheets
group by 1
