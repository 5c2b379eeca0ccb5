select
    document_id,
    page_number,
    table_name,
    listed_text
from {{ source('raw', 'contents_entries') }}
