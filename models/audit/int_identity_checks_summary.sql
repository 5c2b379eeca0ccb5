{{ config(materialized='table') }}

-- Summary tables (收支总表, 财政拨款总表): line totals and 总计.
with lines as (
    select * from {{ ref('fct_budget_line') }}
),

-- 1. summary tables: totals of the fixed-label lines
summary_parts as (
    select
        document_id,
        table_seq,
        table_name,
        measure,
        sum(amount_wan) filter (where line_item in (
            'general_budget_income', 'government_fund_income', 'state_capital_income',
            'superior_subsidy_income', 'business_income', 'operating_income',
            'subsidiary_remit_income', 'other_income'
        )) as income_lines,
        count(*) filter (where line_item in (
            'general_budget_income', 'government_fund_income', 'state_capital_income',
            'superior_subsidy_income', 'business_income', 'operating_income',
            'subsidiary_remit_income', 'other_income'
        ) and amount_wan != 0) as income_terms,
        sum(amount_wan) filter (where code_length = 3) as class_lines,
        count(*) filter (where code_length = 3 and amount_wan != 0) as class_terms,
        any_value(amount_wan) filter (where line_item = 'total_income') as total_income,
        any_value(page_number) filter (where line_item = 'total_income') as total_income_page,
        any_value(amount_wan) filter (where line_item = 'total_expenditure') as total_expenditure,
        any_value(page_number) filter (where line_item = 'total_expenditure') as total_expenditure_page,
        coalesce(any_value(amount_wan) filter (where line_item = 'non_appropriation_balance_used'), 0)
            as balance_used,
        coalesce(any_value(amount_wan) filter (where line_item = 'opening_balance'), 0) as opening_balance,
        coalesce(any_value(amount_wan) filter (where line_item = 'balance_distribution'), 0)
            as balance_distribution,
        coalesce(any_value(amount_wan) filter (where line_item = 'closing_balance'), 0) as closing_balance,
        any_value(amount_wan) filter (where line_item = 'grand_total_income') as grand_total_income,
        any_value(page_number) filter (where line_item = 'grand_total_income') as grand_total_income_page,
        any_value(amount_wan) filter (where line_item = 'grand_total_expenditure') as grand_total_expenditure,
        any_value(page_number) filter (where line_item = 'grand_total_expenditure')
            as grand_total_expenditure_page
    from (select
        *,
        length(subject_code) as code_length
    from lines) as summary_lines
    where table_name in ('income_expenditure_summary', 'fiscal_appropriation_summary')
    group by document_id, table_seq, table_name, measure
),

summary_checks as (
    select
        document_id,
        table_name,
        'summary' as family,
        table_name || '.total_income' as check_name,
        'total_income' as row_key,
        measure,
        income_lines as expected_wan,
        total_income as actual_wan,
        income_terms as n_terms,
        total_income_page as page_number,
        'Σ income lines = 本年收入合计' as details
    from summary_parts
    where total_income is not null and income_lines is not null and measure = 'amount'
    union all
    select
        document_id,
        table_name,
        'summary',
        table_name || '.total_expenditure',
        'total_expenditure',
        measure,
        class_lines,
        total_expenditure,
        class_terms,
        total_expenditure_page,
        'Σ 类 lines = 本年支出合计'
    from summary_parts
    where total_expenditure is not null and class_lines is not null
    union all
    select
        document_id,
        table_name,
        'summary',
        table_name || '.grand_total_income',
        'grand_total_income',
        measure,
        total_income + balance_used + opening_balance,
        grand_total_income,
        3,
        grand_total_income_page,
        '本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计'
    from summary_parts
    where grand_total_income is not null and total_income is not null
    union all
    select
        document_id,
        table_name,
        'summary',
        table_name || '.grand_total_expenditure',
        'grand_total_expenditure',
        measure,
        total_expenditure + balance_distribution + closing_balance,
        grand_total_expenditure,
        3,
        grand_total_expenditure_page,
        '本年支出合计 + 结余分配 + 年末结转和结余 = 总计'
    from summary_parts
    where grand_total_expenditure is not null and total_expenditure is not null
),

summary_totals_equal as (
    select
        income_side.document_id,
        income_side.table_name,
        'summary' as family,
        income_side.table_name || '.grand_totals_equal' as check_name,
        'grand_total' as row_key,
        expenditure_side.measure,
        income_side.grand_total_income as expected_wan,
        expenditure_side.grand_total_expenditure as actual_wan,
        1 as n_terms,
        expenditure_side.grand_total_expenditure_page as page_number,
        '总计(收) = 总计(支)' as details
    from summary_parts as income_side
    inner join summary_parts as expenditure_side
        on
            income_side.document_id = expenditure_side.document_id
            and income_side.table_seq = expenditure_side.table_seq
    where
        income_side.measure = 'amount'
        and expenditure_side.measure in ('amount', 'total')
        and income_side.grand_total_income is not null
        and expenditure_side.grand_total_expenditure is not null
)

{{ identity_checks_from(['summary_checks', 'summary_totals_equal']) }}
