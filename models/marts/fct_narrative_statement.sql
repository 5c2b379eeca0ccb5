{{ fact_config() }}

-- Comparisons the narrative states: "与2023年度相比，收入合计增加14.96万元，增长0.7%，主要原因是…"
-- (change_vs_last_year) and "支出决算数小于年初预算数" (actual_vs_budget), with the direction each
-- word states (+1 more, -1 less, 0 the same) and each printed figure's rounding half unit, so the
-- narrative checks hold the words against the figures.
with statements as (
    select * from {{ ref('stg_narrative_statements') }}
),

documents as (
    select
        document_id,
        ingested_at
    from {{ ref('stg_documents') }}
)

select
    statements.document_id,
    statements.statement_seq,
    statements.page_number,
    statements.kind,
    statements.statement_text,
    statements.subject_text,
    statements.direction_word,
    {{ stated_direction('statements.direction_word') }} as direction,
    statements.amount_text,
    statements.amount_wan,
    {{ stated_half_unit_wan('statements.amount_text') }} as amount_half_unit_wan,
    statements.rate_word,
    {{ stated_direction('statements.rate_word') }} as rate_direction,
    statements.rate_text,
    statements.rate_percent,
    coalesce(length(regexp_extract(statements.rate_text, '\.(\d+)%', 1)), 0) as rate_decimals,
    statements.figure_text,
    statements.figure_wan,
    {{ stated_half_unit_wan('statements.figure_text') }} as figure_half_unit_wan,
    statements.base_text,
    statements.base_wan,
    {{ stated_half_unit_wan('statements.base_text') }} as base_half_unit_wan,
    statements.reason_text,
    -- "增加主要原因是…" after a stated 减少: the direction the reason's own words give
    {{ stated_direction("regexp_extract(statements.reason_text, '(增加|减少|增长|下降|上升|降低)的?主要?原因', 1)") }}
        as reason_direction,
    documents.ingested_at
from statements
inner join documents on statements.document_id = documents.document_id
where
    true
    {{ new_documents_only('documents.ingested_at') }}
