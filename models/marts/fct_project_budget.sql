{{ fact_config() }}

-- The budget block of each sheet, one row per fund source as printed
-- (财政资金, 财政专户管理资金, 单位资金, 其他资金, 当年财政拨款, 上年结转资金 …).
with budget_rows as (
    select * from {{ ref('stg_performance_budget_rows') }}
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
    budget_rows.document_id,
    budget_rows.sheet_seq,
    budget_rows.row_seq,
    performance.project_id,
    budget_rows.fund_source_zh,
    budget_rows.is_total,
    budget_rows.initial as budget_initial_wan,
    budget_rows.initial_declared as budget_initial_declared_wan,
    budget_rows.adjusted as budget_adjusted_wan,
    budget_rows.executed as executed_wan,
    budget_rows.execution_rate,
    budget_rows.execution_rate_text,
    budget_rows.weight,
    budget_rows.score,
    budget_rows.page_number,
    performance.ingested_at
from budget_rows
inner join performance
    on budget_rows.document_id = performance.document_id and budget_rows.sheet_seq = performance.sheet_seq
where
    true
    {{ new_documents_only('performance.ingested_at') }}
