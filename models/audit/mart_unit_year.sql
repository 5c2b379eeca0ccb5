{{ config(materialized='view', schema='marts') }}

-- One row per unit, fiscal year, report kind (决算 / 预算) and scope (部门 / 单位): the figures a
-- manager asks for, each with the page that prints it, and the report's findings by severity. A
-- view, so the findings are those of the latest `juesuan validate`.
-- It reads the findings (audit.identity_findings, written by validate after dbt), so it belongs to
-- the last layer, audit, and lives here; it is published beside the other marts (schema marts).
{% set figures = [
    'income_total', 'expenditure_total', 'basic_expenditure', 'project_expenditure', 'fiscal_appropriation',
    'personnel', 'public', 'operating_cost', 'three_public_budget', 'three_public_actual',
    'overseas_budget', 'overseas_actual', 'vehicle_purchase_budget', 'vehicle_purchase_actual',
    'vehicle_operation_budget', 'vehicle_operation_actual', 'reception_budget', 'reception_actual'
] %}

with documents as (
    select * from {{ ref('dim_document') }}
    where unit_id is not null and fiscal_year is not null
),

units as (
    select * from {{ ref('dim_unit') }}
),

figures as (
    select * from {{ ref('int_unit_year_figures') }}
),

reports as (
    select
        unit_id,
        fiscal_year,
        report_kind,
        scope,
        list(document_id order by document_id) as document_ids,
        list(source_file order by document_id) as source_files
    from documents
    group by all
),

findings as (
    select
        documents.unit_id,
        documents.fiscal_year,
        documents.report_kind,
        documents.scope,
        count(*) filter (where findings.severity = 'error') as findings_error,
        count(*) filter (where findings.severity = 'warning') as findings_warning
    from {{ source('audit', 'identity_findings') }} as findings
    inner join documents on findings.document_id = documents.document_id
    group by all
),

pivoted as (
    select
        unit_id,
        fiscal_year,
        report_kind,
        scope,
    {% for figure in figures %}
        any_value(amount_wan) filter (where figure = '{{ figure }}') as {{ figure }}_wan,
        any_value(page_number) filter (where figure = '{{ figure }}') as {{ figure }}_page{{ "," if not loop.last }}
    {% endfor %}
    from figures
    group by all
)

select
    reports.unit_id,
    units.unit_name,
    units.region,
    reports.fiscal_year,
    reports.report_kind,
    reports.scope,
    reports.document_ids,
    reports.source_files,
    {% for figure in figures %}
        pivoted.{{ figure }}_wan,
        pivoted.{{ figure }}_page,
    {% endfor %}
    coalesce(findings.findings_error, 0) as findings_error,
    coalesce(findings.findings_warning, 0) as findings_warning
from reports
inner join units on reports.unit_id = units.unit_id
left join pivoted
    on
        reports.unit_id = pivoted.unit_id
        and reports.fiscal_year = pivoted.fiscal_year
        and reports.report_kind = pivoted.report_kind
        and reports.scope is not distinct from pivoted.scope
left join findings
    on
        reports.unit_id = findings.unit_id
        and reports.fiscal_year = findings.fiscal_year
        and reports.report_kind = findings.report_kind
        and reports.scope is not distinct from findings.scope
