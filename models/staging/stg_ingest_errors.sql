select
    source_file,
    source_path,
    file_sha256,
    document_id,
    page_number,
    stage,
    reason,
    fatal as is_fatal,
    recorded_at
from {{ source('raw', 'ingest_errors') }}
