{{ fact_config() }}

select
    document_id,
    line_item as category,
    measure as phase,
    amount_wan,
    page_number,
    ingested_at
from {{ ref('int_budget_lines') }}
where
    table_name = 'three_public'
    and line_item in (
        'total', 'overseas', 'vehicle_total', 'vehicle_purchase', 'vehicle_operation', 'reception'
    )
    and measure in ('budget', 'actual')
    {{ new_documents_only() }}
qualify row_number() over (partition by document_id, line_item, measure order by page_number, row_index) = 1
