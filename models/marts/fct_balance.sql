{{ fact_config() }}

-- Balances as printed: per fund from the 财政拨款总表 balance block (rows such as
-- opening_balance_general_budget, or the closing_balance row's fund columns),
-- the 财政拨款 total, and the all-sources balance of the 收支总表.
with lines as (
    select * from {{ ref('int_budget_lines') }}
    where
        table_name in ('fiscal_appropriation_summary', 'income_expenditure_summary')
        and line_item like '%balance%'
        and line_item != 'non_appropriation_balance_used'
        and line_item != 'balance_distribution'
        {{ new_documents_only() }}
),

classified as (
    select
        document_id,
        amount_wan,
        page_number,
        ingested_at,
        case when line_item like 'opening%' then 'opening' else 'closing' end as phase,
        case
            when table_name = 'income_expenditure_summary' then 'all_sources'
            when line_item like '%_general_budget' then 'general_budget'
            when line_item like '%_government_fund' then 'government_fund'
            when line_item like '%_state_capital' then 'state_capital'
            when measure in ('general_budget', 'government_fund', 'state_capital') then measure
            else 'fiscal_total'
        end as fund_source,
        case when measure in ('amount', 'total') then 1 else 2 end as preference
    from lines
)

select
    document_id,
    phase,
    fund_source,
    amount_wan,
    page_number,
    ingested_at
from classified
qualify row_number() over (partition by document_id, phase, fund_source order by preference, page_number) = 1
