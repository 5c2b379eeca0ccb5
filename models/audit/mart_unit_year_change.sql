{{ config(materialized='view', schema='marts') }}

-- Over mart_unit_year, so in the audit layer with it (published in schema marts).

-- Year over year per unit, report kind and scope: this year's headline figures beside the
-- previous year's report of the same kind and scope (null when the warehouse holds none).
{% set figures = ['income_total', 'expenditure_total', 'basic_expenditure', 'project_expenditure',
                  'fiscal_appropriation', 'three_public_actual', 'three_public_budget'] %}

with years as (
    select * from {{ ref('mart_unit_year') }}
)

select
    this_year.unit_id,
    this_year.unit_name,
    this_year.report_kind,
    this_year.scope,
    this_year.fiscal_year,
    last_year.fiscal_year as previous_year,
{% for figure in figures %}
    this_year.{{ figure }}_wan,
    last_year.{{ figure }}_wan as previous_{{ figure }}_wan,
    this_year.{{ figure }}_wan - last_year.{{ figure }}_wan as change_{{ figure }}_wan{{ "," if not loop.last }}
{% endfor %}
from years as this_year
left join years as last_year
    on
        this_year.unit_id = last_year.unit_id
        and this_year.report_kind = last_year.report_kind
        and this_year.scope is not distinct from last_year.scope
        and this_year.fiscal_year = last_year.fiscal_year + 1
