select
    document_id,
    page_number,
    text as page_text,
    char_count
from {{ source('raw', 'pages') }}
