select
    document_id,
    figure_seq,
    page_number,
    topic,
    subject_code,
    stated_text,
    stated_wan,
    stated_rate,
    base_wan,
    base_topic,
    context
from {{ source('raw', 'narrative_figures') }}
