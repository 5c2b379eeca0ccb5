{{ fact_config() }}

-- One line per printed money cell. A key printed twice in one table (a report
-- printing 31007 twice) is two lines told apart by their position (page,
-- row_index, col_index, x0/top), and a finding extraction.duplicate_key.
select
    document_id,
    table_seq,
    table_name,
    phase,
    subject_code,
    classification,
    line_item,
    measure,
    amount_wan,
    value_text,
    row_label,
    is_blank,
    half_unit_wan,
    page_number,
    row_index,
    col_index,
    x0,
    top,
    ingested_at
from {{ ref('int_budget_lines') }}
where
    true
    {{ new_documents_only() }}
