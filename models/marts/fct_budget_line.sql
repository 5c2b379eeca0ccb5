{{ fact_config() }}

select
    document_id,
    table_seq,
    table_name,
    subject_code,
    line_item,
    measure,
    amount_wan,
    value_text,
    row_label,
    is_blank,
    page_number,
    ingested_at
from {{ ref('int_budget_lines') }}
where
    true
    {{ new_documents_only() }}
