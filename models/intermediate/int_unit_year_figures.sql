-- The headline figures of each unit's report of a year (unit × fiscal year × report kind × scope),
-- one printed figure each with its document and page: the first printing by preference, so a
-- report published as several PDFs, or printing a figure in two tables, counts it once.
with documents as (
    select
        document_id,
        unit_id,
        fiscal_year,
        report_kind,
        scope
    from (
        -- the unit as marts.dim_document keys it (macros/unit_id.sql)
        select
            *,
            {{ unit_id('unit_name', 'region') }} as unit_id
        from {{ ref('stg_documents') }}
    ) as stated
    where unit_id is not null and fiscal_year is not null
),

-- which printed line is which headline figure, most preferred first
figure_map as (
    select * from (
        values
        ('income_total', 'income_expenditure_summary', 'total_income', 'amount', 1),
        ('income_total', 'income', 'grand_total', 'total', 2),
        ('expenditure_total', 'income_expenditure_summary', 'total_expenditure', 'amount', 1),
        ('expenditure_total', 'expenditure', 'grand_total', 'total', 2),
        ('basic_expenditure', 'expenditure', 'grand_total', 'basic', 1),
        ('project_expenditure', 'expenditure', 'grand_total', 'project', 1),
        ('fiscal_appropriation', 'fiscal_appropriation_summary', 'total_income', 'amount', 1),
        ('fiscal_appropriation', 'income_expenditure_summary', 'fiscal_appropriation_income', 'amount', 2),
        ('personnel', 'general_budget_basic_expenditure', 'personnel_total', 'amount', 1),
        ('personnel', 'general_budget_basic_expenditure', 'grand_total', 'personnel', 2),
        ('public', 'general_budget_basic_expenditure', 'public_total', 'amount', 1),
        ('public', 'general_budget_basic_expenditure', 'grand_total', 'public', 2),
        ('operating_cost', 'operating_cost', 'grand_total', 'amount', 1),
        ('operating_cost', 'three_public', 'operating_cost', 'budget', 2),
        ('three_public_budget', 'three_public', 'total', 'budget', 1),
        ('three_public_actual', 'three_public', 'total', 'actual', 1),
        ('overseas_budget', 'three_public', 'overseas', 'budget', 1),
        ('overseas_actual', 'three_public', 'overseas', 'actual', 1),
        ('vehicle_purchase_budget', 'three_public', 'vehicle_purchase', 'budget', 1),
        ('vehicle_purchase_actual', 'three_public', 'vehicle_purchase', 'actual', 1),
        ('vehicle_operation_budget', 'three_public', 'vehicle_operation', 'budget', 1),
        ('vehicle_operation_actual', 'three_public', 'vehicle_operation', 'actual', 1),
        ('reception_budget', 'three_public', 'reception', 'budget', 1),
        ('reception_actual', 'three_public', 'reception', 'actual', 1)
    ) as figure_map (figure, table_name, line_item, measure, preference)  -- noqa: AL05
),

table_figures as (
    select
        documents.unit_id,
        documents.fiscal_year,
        documents.report_kind,
        documents.scope,
        figure_map.figure,
        figure_map.preference,
        printed_lines.amount_wan,
        printed_lines.document_id,
        printed_lines.page_number
    from {{ ref('int_budget_lines') }} as printed_lines
    inner join documents on printed_lines.document_id = documents.document_id
    inner join figure_map
        on
            printed_lines.table_name = figure_map.table_name
            and printed_lines.line_item = figure_map.line_item
            and printed_lines.measure = figure_map.measure
),

-- 机关运行经费 of a 决算: the 部门决算公开相关信息统计表, where its section prints one figure
statistics as (
    select
        documents.unit_id,
        documents.fiscal_year,
        documents.report_kind,
        documents.scope,
        'operating_cost' as figure,
        3 as preference,
        any_value(printed_statistics.value) as amount_wan,
        printed_statistics.document_id,
        min(printed_statistics.page_number) as page_number
    from {{ ref('int_disclosure_statistics') }} as printed_statistics
    inner join documents on printed_statistics.document_id = documents.document_id
    where printed_statistics.item like '%机关运行经费%' and (printed_statistics.unit is null or printed_statistics.unit = '万元')
    group by all
    having count(*) = 1
),

candidates as (
    select * from table_figures
    union all by name
    select * from statistics
)

select
    unit_id,
    fiscal_year,
    report_kind,
    scope,
    figure,
    amount_wan,
    document_id,
    page_number
from candidates
qualify row_number() over (
    partition by unit_id, fiscal_year, report_kind, scope, figure
    order by preference, document_id, page_number
) = 1
