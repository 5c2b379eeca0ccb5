{{ config(materialized='table') }}

-- Extraction: no silent misread. Figures the reader took off a standard table that
-- no fact can hold as read, each with its page:
-- * duplicate_key: a row key printed twice in one table instance (both lines are kept
--   in fct_budget_line, told apart by position); a warning when every printing
--   carries the same figures (the report repeats a row), an error when they differ
--   (the facts keyed by code cannot tell which one is meant, or a code was misread);
-- * row_without_key: a body row printing figures with neither a code nor a label the
--   reader knows (its figures are in no fact): error;
-- * unplaced_figure: a column whose header maps to no measure prints figures (they are
--   in no fact): error, one finding per column and page;
-- * economic_code_length: a 7-digit code in a 基本支出 (economic) table: error.
-- extraction.hierarchy_mostly_failing needs the rounding tolerance and is derived at
-- validation time from the evaluated hierarchy checks (validation/identities.py).
with cells as (
    select * from {{ ref('stg_table_cells') }}
),

tables as (
    select * from {{ ref('stg_table_instances') }}
),

lines as (
    select * from {{ ref('int_budget_lines') }}
),

-- every line whose (table instance, row key, measure) is printed more than once
duplicated as (
    select
        *,
        coalesce(subject_code, line_item) as row_key,
        count(*) over (partition by document_id, table_seq, subject_code, line_item, measure) as printings,
        min(amount_wan) over (partition by document_id, table_seq, subject_code, line_item, measure)
        != max(amount_wan) over (partition by document_id, table_seq, subject_code, line_item, measure)
            as amounts_differ
    from lines
    -- the items of a 政府采购预算表 share one key by design (they have no code)
    where coalesce(line_item, '') != 'procurement_item'
    qualify printings > 1
),

-- one printing = one printed row (page, grid row) of the duplicated key, with its figures
printed_rows as (
    select
        document_id,
        table_seq,
        table_name,
        row_key,
        page_number,
        row_index,
        min(x0) as cell_x0,
        min(top) as cell_top,
        bool_or(amounts_differ) as amounts_differ,
        string_agg(
            case when is_blank then '(blank)' else value_text end
            || case when measure != 'amount' then ' ' || measure else '' end,
            ', ' order by col_index
        ) as figures
    from duplicated
    group by all
),

duplicate_key as (
    select
        document_id,
        'extraction' as family,
        'extraction.duplicate_key' as check_name,
        any_value(table_name) as table_name,
        row_key,
        'row' as measure,
        min(page_number) as page_number,
        row_key || ' is printed ' || count(*) || ' times in this table: '
        || string_agg(
            'page ' || page_number || ' grid row ' || (row_index + 1)
            || ' (x0 ' || round(cell_x0, 1) || ', top ' || round(cell_top, 1) || '): ' || figures,
            '; ' order by page_number, row_index
        ) as details,
        case when bool_or(amounts_differ) then 'error' else 'warning' end as severity_hint
    from printed_rows
    group by document_id, table_seq, row_key
),

figure_cells as (
    select cells.*
    from cells
    inner join tables
        on cells.document_id = tables.document_id and cells.table_seq = tables.table_seq
    where
        cells.cell_status = 'number'
        and not tables.is_empty
        -- the statistics table is keyed by its printed labels (fct_disclosure_statistic)
        and cells.table_name != 'disclosure_statistics'
),

row_without_key as (
    select
        document_id,
        'extraction' as family,
        'extraction.row_without_key' as check_name,
        table_name,
        coalesce(nullif(any_value(row_label), ''), 'grid row ' || (row_index + 1)) as row_key,
        'row' as measure,
        page_number,
        'grid row ' || (row_index + 1) || ' "' || coalesce(any_value(row_label), '') || '" prints '
        || string_agg(value_text || coalesce(' ' || measure, ''), ', ' order by col_index)
        || ' but has no code and no label the reader knows: its figures are in no fact' as details,
        'error' as severity_hint
    from figure_cells
    where subject_code is null and line_item is null
    group by document_id, table_seq, table_name, page_number, row_index
),

unplaced_figure as (
    select
        document_id,
        'extraction' as family,
        'extraction.unplaced_figure' as check_name,
        table_name,
        coalesce(nullif(header_text, ''), 'grid column ' || (col_index + 1)) as row_key,
        'column' as measure,
        page_number,
        'column "' || coalesce(header_text, '') || '" (grid column ' || (col_index + 1) || ') maps to no measure '
        || 'but prints ' || count(*) || ' figure' || case when count(*) > 1 then 's' else '' end || ': '
        || string_agg(
            value_text || ' (' || coalesce(subject_code, line_item, row_label, '') || ')', ', ' order by row_index
        )
        || '; they are in no fact' as details,
        'error' as severity_hint
    from figure_cells
    where measure is null
    group by document_id, table_seq, table_name, page_number, col_index, header_text
),

economic_code_length as (
    select
        document_id,
        'extraction' as family,
        'extraction.economic_code_length' as check_name,
        table_name,
        subject_code as row_key,
        'code' as measure,
        min(page_number) as page_number,
        'a ' || length(subject_code) || '-digit code in the economic classification table (类 3, 款 5 digits): "'
        || subject_code || ' ' || coalesce(any_value(row_label), '') || '"' as details,
        'error' as severity_hint
    from lines
    where {{ is_economic_table('table_name') }} and length(subject_code) not in (3, 5)
    group by document_id, table_seq, table_name, subject_code
),

all_checks as (
    select * from duplicate_key
    union all
    select * from row_without_key
    union all
    select * from unplaced_figure
    union all
    select * from economic_code_length
)

{{ decided_checks_from(['all_checks']) }}
