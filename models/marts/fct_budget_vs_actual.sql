{{ config(materialized='table') }}

-- Approved (部门预算) beside executed (决算) per unit, fiscal year, scope, table, row key and
-- measure, matched by the unit's normalised name and region (dim_unit). A single-amount
-- column (金额) compares with the 合计 column of the other side; the 三公 table compares the
-- budget report's 预算数 with the 决算's 决算数, and keeps the 决算's own 预算数 (its 年初预算)
-- as stated_initial_budget_wan. A side the warehouse lacks is null, never 0. A key printed
-- twice takes its first printing (the duplicate is an extraction finding).
with documents as (
    select
        document_id,
        unit_id,
        fiscal_year,
        scope,
        report_kind
    from {{ ref('dim_document') }}
    where fiscal_year is not null and unit_name is not null
),

lines as (
    select
        printed.document_id,
        documents.unit_id,
        documents.fiscal_year,
        documents.scope,
        printed.phase,
        printed.table_name,
        printed.amount_wan,
        printed.half_unit_wan,
        printed.page_number,
        printed.row_index,
        printed.col_index,
        coalesce(printed.subject_code, printed.line_item) as row_key,
        case
            when printed.table_name = 'three_public' and printed.phase = 'executed' and printed.measure = 'budget'
                then 'stated_initial'
            else printed.phase
        end as comparison_side,
        case
            when printed.table_name = 'three_public' then 'amount'
            when
                printed.measure = 'amount'
                and printed.table_name not in ('income_expenditure_summary', 'fiscal_appropriation_summary')
                then 'total'
            else printed.measure
        end as measure
    from {{ ref('fct_budget_line') }} as printed
    inner join documents on printed.document_id = documents.document_id
    where not (printed.table_name = 'three_public' and printed.phase = 'approved' and printed.measure != 'budget')
),

-- one figure per side and key: the first printing
sides as (
    select
        unit_id,
        fiscal_year,
        scope,
        table_name,
        row_key,
        measure,
        comparison_side,
        arg_min(amount_wan, (document_id, page_number, row_index, col_index)) as amount_wan,
        arg_min(half_unit_wan, (document_id, page_number, row_index, col_index)) as half_unit_wan,
        min(document_id) as document_id,
        arg_min(page_number, (document_id, page_number, row_index, col_index)) as page_number
    from lines
    group by all
),

pivoted as (
    select
        unit_id,
        fiscal_year,
        scope,
        table_name,
        row_key,
        measure,
        any_value(amount_wan) filter (where comparison_side = 'approved') as approved_wan,
        any_value(amount_wan) filter (where comparison_side = 'executed') as executed_wan,
        any_value(amount_wan) filter (where comparison_side = 'stated_initial') as stated_initial_budget_wan,
        any_value(half_unit_wan) filter (where comparison_side = 'approved') as approved_half_unit_wan,
        any_value(half_unit_wan) filter (where comparison_side = 'executed') as executed_half_unit_wan,
        any_value(half_unit_wan) filter (where comparison_side = 'stated_initial') as stated_initial_half_unit_wan,
        any_value(document_id) filter (where comparison_side = 'approved') as approved_document_id,
        any_value(page_number) filter (where comparison_side = 'approved') as approved_page_number,
        any_value(document_id) filter (where comparison_side = 'executed') as executed_document_id,
        any_value(page_number) filter (where comparison_side = 'executed') as executed_page_number,
        any_value(document_id) filter (where comparison_side = 'stated_initial') as stated_initial_document_id,
        any_value(page_number) filter (where comparison_side = 'stated_initial') as stated_initial_page_number
    from sides
    group by all
)

select
    unit_id,
    fiscal_year,
    scope,
    table_name,
    row_key,
    measure,
    approved_wan,
    executed_wan,
    stated_initial_budget_wan,
    approved_half_unit_wan,
    executed_half_unit_wan,
    stated_initial_half_unit_wan,
    approved_document_id,
    approved_page_number,
    executed_document_id,
    executed_page_number,
    stated_initial_document_id,
    stated_initial_page_number,
    md5(concat_ws('|', unit_id, fiscal_year, scope, table_name, row_key, measure)) as comparison_id,
    -- exact: integer millionths, half rounded up (a DECIMAL quotient would go through DOUBLE)
    case
        when approved_wan > 0 and executed_wan >= 0
            then (
                ((executed_wan * 1000000)::hugeint * 2000000 + (approved_wan * 1000000)::hugeint)
                // ((approved_wan * 1000000)::hugeint * 2)
            )::decimal(18, 0) / 1000000
        when approved_wan != 0 then (executed_wan / approved_wan)::decimal(12, 6)
    end::decimal(12, 6) as execution_rate
from pivoted
