select
    document_id,
    source_file,
    source_path,
    page_count,
    unit_name,
    fiscal_year,
    report_kind,
    scope,
    region,
    extractor_version,
    ingested_at
from {{ source('raw', 'documents') }}
