-- Money facts of the standard tables: printed figures, and blank cells of
-- printed rows as 0 (docs/CONTRACT.md, 'fct_budget_line keys'). Unparseable
-- cells stay out (they are ingest errors); tables that print no figure
-- produce no lines. Every line
-- keeps its printed position (page, grid row and column, x0/top), so a key
-- a report prints twice stays two distinguishable lines.
with cells as (
    select * from {{ ref('stg_table_cells') }}
),

tables as (
    select * from {{ ref('stg_table_instances') }}
),

documents as (
    select
        document_id,
        ingested_at,
        -- A budget report's figures are the appropriation, a 决算's their execution.
        case report_kind when 'budget' then 'approved' else 'executed' end as phase
    from {{ ref('stg_documents') }}
)

select
    cells.document_id,
    cells.table_seq,
    cells.table_name,
    documents.phase,
    cells.subject_code,
    case
        when cells.subject_code is null then null
        when {{ is_economic_table('cells.table_name') }} then 'economic'
        else 'function'
    end as classification,
    cells.line_item,
    cells.measure,
    cells.row_label,
    cells.value_text,
    cells.page_number,
    cells.row_index,
    cells.col_index,
    cells.x0,
    cells.top,
    documents.ingested_at,
    coalesce(cells.amount_wan, 0)::decimal(20, 6) as amount_wan,
    cells.cell_status = 'blank' as is_blank,
    -- what honest rounding may hide in this figure (macros/half_unit_of_last_digit.sql)
    {{ printed_half_unit_wan('cells.value_text', 'tables.amount_unit', "cells.cell_status = 'blank'") }}
        as half_unit_wan
from cells
inner join tables
    on cells.document_id = tables.document_id and cells.table_seq = tables.table_seq
inner join documents on cells.document_id = documents.document_id
where
    not tables.is_empty
    and cells.cell_status in ('number', 'blank')
    and cells.measure is not null
    and coalesce(cells.subject_code, cells.line_item) is not null
    and cells.table_name != 'disclosure_statistics'
