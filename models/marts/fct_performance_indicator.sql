{{ fact_config() }}

-- One row per indicator row: levels, operator (≥ ≤ = > < 定性), target and actual
-- as printed and as numbers with their unit when numeric, weight, score.
with indicators as (
    select * from {{ ref('stg_performance_indicators') }}
),

performance as (
    select
        document_id,
        sheet_seq,
        project_id,
        ingested_at
    from {{ ref('fct_project_performance') }}
)

select
    indicators.document_id,
    indicators.sheet_seq,
    indicators.row_seq,
    performance.project_id,
    indicators.level1,
    indicators.level2,
    indicators.level3,
    indicators.operator,
    indicators.target_text,
    indicators.target_value,
    indicators.unit,
    indicators.target_initial_text,
    indicators.target_adjusted_text,
    indicators.actual_text,
    indicators.actual_value,
    indicators.weight,
    indicators.score,
    indicators.deviation_reason,
    indicators.flags,
    indicators.page_number,
    performance.ingested_at
from indicators
inner join performance
    on indicators.document_id = performance.document_id and indicators.sheet_seq = performance.sheet_seq
where
    true
    {{ new_documents_only('performance.ingested_at') }}
