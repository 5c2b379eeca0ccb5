-- One row per unit, matched across its reports by normalised name and region
-- (macros/unit_id.sql). Every printed form of the name is kept, so a match that
-- joined two printings is visible, never silent.
with documents as (
    select
        *,
        {{ unit_id('unit_name', 'region') }} as unit_id
    from {{ ref('stg_documents') }}
)

select
    unit_id,
    region,
    null::varchar as parent_department,
    arg_min(unit_name, length(unit_name)) as unit_name,
    list(distinct unit_name order by unit_name) as printed_names,
    count(distinct unit_name) > 1 as name_varies,
    case
        when count(distinct scope) > 1 then 'mixed'
        else max(scope)
    end as level,
    count(*) as document_count,
    count(*) filter (where report_kind = 'final_accounts') as final_accounts_documents,
    count(*) filter (where report_kind = 'budget') as budget_documents,
    min(fiscal_year) as first_fiscal_year,
    max(fiscal_year) as last_fiscal_year
from documents
group by unit_id, region
