select
    document_id,
    table_seq,
    table_name,
    page_number,
    row_index,
    col_index,
    group_index,
    subject_code,
    row_label,
    section_label,
    line_item,
    header_text,
    measure,
    value_text,
    amount_wan,
    status as cell_status
from {{ source('raw', 'table_cells') }}
