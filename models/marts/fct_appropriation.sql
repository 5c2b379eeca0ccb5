{{ fact_config() }}

-- One fund source per detail table; where a report prints both state-capital
-- tables, the expenditure table wins over the income-and-expenditure one.
with lines as (
    select
        *,
        case table_name
            when 'general_budget_expenditure' then 'general_budget'
            when 'government_fund' then 'government_fund'
            when 'state_capital_expenditure' then 'state_capital'
            when 'state_capital_income_expenditure' then 'state_capital'
        end as fund_source,
        case when table_name = 'state_capital_income_expenditure' then 2 else 1 end as preference
    from {{ ref('int_budget_lines') }}
    where
        table_name in (
            'general_budget_expenditure', 'government_fund',
            'state_capital_expenditure', 'state_capital_income_expenditure'
        )
        and subject_code is not null
        and measure in ('total', 'basic', 'project')
        {{ new_documents_only() }}
)

select
    document_id,
    subject_code,
    fund_source,
    measure as nature,
    amount_wan,
    page_number,
    table_name,
    ingested_at
from lines
qualify row_number() over (
    partition by document_id, subject_code, fund_source, measure order by preference, page_number
) = 1
