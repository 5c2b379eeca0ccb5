{{ config(materialized='table') }}

-- Completeness: a table the contents page names that the report lacks; a table
-- printed as a header only with no note; a printed value that is not a number
-- (in a standard table, or a 绩效自评表's budget, weight or score cell). A
-- report published as several PDFs (Jiangsu 预算: 情况说明 and tables apart)
-- lists in one what another prints: a listed table is looked for in all of
-- them.
with listed as (
    select
        contents.*,
        documents.report_id
    from {{ ref('stg_contents_entries') }} as contents
    inner join {{ ref('dim_document') }} as documents on contents.document_id = documents.document_id
),

found as (
    select * from {{ ref('stg_table_instances') }}
),

found_in_report as (
    select
        documents.report_id,
        found.table_name
    from found
    inner join {{ ref('dim_document') }} as documents on found.document_id = documents.document_id
),

missing as (
    select
        listed.document_id,
        'completeness' as family,
        'completeness.listed_table_missing' as check_name,
        listed.table_name,
        listed.table_name as row_key,
        'presence' as measure,
        listed.page_number,
        'the contents (page ' || listed.page_number || ') list "' || listed.listed_text
        || '" but no such table is printed' as details,
        'error' as severity_hint
    from listed
    where not exists (
        select 1 from found_in_report
        where found_in_report.report_id = listed.report_id and found_in_report.table_name = listed.table_name
    )
),

header_only as (
    select
        document_id,
        'completeness' as family,
        'completeness.table_header_only' as check_name,
        table_name,
        table_name as row_key,
        'presence' as measure,
        first_page as page_number,
        'the table is printed with its header only: no row, no figure, no note saying why' as details,
        'warning' as severity_hint
    from found
    where is_empty and empty_note is null and coalesce(body_row_count, 0) = 0
),

unreadable as (
    select
        document_id,
        'completeness' as family,
        'completeness.value_not_a_number' as check_name,
        table_name,
        coalesce(subject_code, line_item, row_label) as row_key,
        measure,
        page_number,
        'printed "' || value_text || '" where a figure belongs' as details,
        'error' as severity_hint
    from {{ ref('stg_table_cells') }}
    where cell_status = 'error'
),

-- sheets: the reader flags a cell it could not read as <field>_unparsed; targets and
-- completion values may be words or dates, so only budget, rate, weight and score cells count
sheet_cells as (
    -- the 合计 row follows the indicators: the page of the last indicator, not the page
    -- the sheet's closing text runs onto
    select
        sheets.document_id,
        sheets.project_name as row_key,
        coalesce(
            (
                select max(indicators.page_number) from {{ ref('stg_performance_indicators') }} as indicators
                where indicators.document_id = sheets.document_id and indicators.sheet_seq = sheets.sheet_seq
            ),
            sheets.first_page
        ) as page_number,
        unnest(sheets.flags) as flag,
        map {
            'total_weight': sheets.total_weight_text, 'total_score': sheets.total_score_text
        } as printed
    from {{ ref('stg_performance_sheets') }} as sheets
    union all
    select
        budget.document_id,
        sheets.project_name || ' / ' || coalesce(budget.label_text, '') as row_key,
        budget.page_number,
        unnest(budget.flags) as flag,
        map {
            'initial': budget.initial_text, 'adjusted': budget.adjusted_text, 'executed': budget.executed_text,
            'execution_rate': budget.execution_rate_text, 'weight': budget.weight_text, 'score': budget.score_text
        } as printed
    from {{ ref('stg_performance_budget_rows') }} as budget
    inner join {{ ref('stg_performance_sheets') }} as sheets
        on budget.document_id = sheets.document_id and budget.sheet_seq = sheets.sheet_seq
    union all
    select
        document_id,
        coalesce(level3, level2) as row_key,
        page_number,
        unnest(flags) as flag,
        map { 'weight': weight_text, 'score': score_text } as printed
    from {{ ref('stg_performance_indicators') }}
),

sheet_unreadable as (
    select
        document_id,
        'completeness' as family,
        'completeness.value_not_a_number' as check_name,
        'performance_sheet' as table_name,
        row_key,
        replace(flag, '_unparsed', '') as measure,
        page_number,
        'printed "' || coalesce(printed[replace(flag, '_unparsed', '')], '') || '" where a figure belongs' as details,
        'error' as severity_hint
    from sheet_cells
    where
        flag in (
            'total_weight_unparsed', 'total_score_unparsed', 'initial_unparsed', 'adjusted_unparsed',
            'executed_unparsed', 'execution_rate_unparsed', 'weight_unparsed', 'score_unparsed'
        )
),

all_checks as (
    select * from missing
    union all
    select * from header_only
    union all
    select * from unreadable
    union all
    select * from sheet_unreadable
)

select
    document_id,
    family,
    check_name,
    table_name,
    row_key,
    measure,
    null::decimal(20, 6) as expected_wan,
    null::decimal(20, 6) as actual_wan,
    null::decimal(20, 6) as difference_wan,
    0::decimal(22, 8) as bound_wan,
    0::decimal(20, 6) as precision_unit,
    page_number,
    details,
    true as is_failed,
    severity_hint
from all_checks
