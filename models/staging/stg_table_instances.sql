select
    document_id,
    table_seq,
    table_name,
    title_text,
    numbering,
    amount_unit,
    first_page,
    last_page,
    is_empty,
    empty_note,
    figure_count,
    body_row_count
from {{ source('raw', 'table_instances') }}
