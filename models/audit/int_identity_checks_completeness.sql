{{ config(materialized='table') }}

-- Completeness: a table the contents page names that the report lacks; a table
-- printed as a header only with no note; a printed value that is not a number.
with listed as (
    select * from {{ ref('stg_contents_entries') }}
),

found as (
    select * from {{ ref('stg_table_instances') }}
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
        select 1 from found
        where found.document_id = listed.document_id and found.table_name = listed.table_name
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

all_checks as (
    select * from missing
    union all
    select * from header_only
    union all
    select * from unreadable
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
    0 as n_terms,
    0::decimal(20, 6) as precision_unit,
    page_number,
    details,
    true as is_failed,
    severity_hint
from all_checks
