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
        sum(half_unit_wan) filter (where line_item in (
            'general_budget_income', 'government_fund_income', 'state_capital_income',
            'superior_subsidy_income', 'business_income', 'operating_income',
            'subsidiary_remit_income', 'other_income'
        )) as income_bound,
        sum(amount_wan) filter (where code_length = 3) as class_lines,
        sum(half_unit_wan) filter (where code_length = 3) as class_bound,
        any_value(amount_wan) filter (where line_item = 'total_income') as total_income,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'total_income'), 0) as total_income_half,
        any_value(page_number) filter (where line_item = 'total_income') as total_income_page,
        any_value(amount_wan) filter (where line_item = 'total_expenditure') as total_expenditure,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'total_expenditure'), 0) as total_expenditure_half,
        any_value(page_number) filter (where line_item = 'total_expenditure') as total_expenditure_page,
        coalesce(any_value(amount_wan) filter (where line_item = 'non_appropriation_balance_used'), 0)
            as balance_used,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'non_appropriation_balance_used'), 0)
            as balance_used_half,
        coalesce(any_value(amount_wan) filter (where line_item = 'opening_balance'), 0) as opening_balance,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'opening_balance'), 0) as opening_balance_half,
        coalesce(any_value(amount_wan) filter (where line_item = 'balance_distribution'), 0)
            as balance_distribution,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'balance_distribution'), 0)
            as balance_distribution_half,
        coalesce(any_value(amount_wan) filter (where line_item = 'closing_balance'), 0) as closing_balance,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'closing_balance'), 0) as closing_balance_half,
        any_value(amount_wan) filter (where line_item = 'grand_total_income') as grand_total_income,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'grand_total_income'), 0) as grand_total_income_half,
        any_value(page_number) filter (where line_item = 'grand_total_income') as grand_total_income_page,
        any_value(amount_wan) filter (where line_item = 'grand_total_expenditure') as grand_total_expenditure,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'grand_total_expenditure'), 0) as grand_total_expenditure_half,
        any_value(page_number) filter (where line_item = 'grand_total_expenditure')
            as grand_total_expenditure_page
    from (select
        *,
        length(subject_code) as code_length
    from lines) as summary_lines
    where table_name in ('income_expenditure_summary', 'fiscal_appropriation_summary') and phase = 'executed'
    group by document_id, table_seq, table_name, measure
),

-- 1b. budget reports (部门预算) word their summary rows differently: 财政拨款 (一般公共预算 +
-- 政府性基金 + 国有资本经营) + 财政专户管理资金 + 其他资金 (事业 + 经营 + 其他) = 当年收入小计;
-- + 上年结转 = 收入合计. Expenditure: Σ 类 = 当年支出小计 = 基本 + 项目 + 单位预留机动经费
-- (支出用途, Jiangsu); + 结转下年资金 = 支出合计. A subtotal the report does not print is skipped
-- over: the parts are compared with the next printed total.
budget_lines as (
    select
        document_id,
        table_seq,
        table_name,
        page_number,
        line_item,
        amount_wan,
        half_unit_wan,
        measure,
        length(subject_code) as code_length
    from lines
    where
        table_name in ('income_expenditure_summary', 'fiscal_appropriation_summary')
        and phase = 'approved'
        and measure in ('amount', 'total')
),

budget_parts as (
    select
        document_id,
        table_seq,
        table_name,
        sum(amount_wan) filter (where line_item in (
            'general_budget_income', 'government_fund_income', 'state_capital_income'
        )) as fund_lines,
        sum(half_unit_wan) filter (where line_item in (
            'general_budget_income', 'government_fund_income', 'state_capital_income'
        )) as fund_bound,
        any_value(amount_wan) filter (where line_item = 'fiscal_appropriation_income') as appropriation,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'fiscal_appropriation_income'), 0) as appropriation_half,
        any_value(page_number) filter (where line_item = 'fiscal_appropriation_income') as appropriation_page,
        sum(amount_wan) filter (where line_item in ('business_income', 'operating_income', 'other_income'))
            as other_fund_lines,
        sum(half_unit_wan) filter (where line_item in ('business_income', 'operating_income', 'other_income'))
            as other_fund_bound,
        any_value(amount_wan) filter (where line_item = 'other_funds_income') as other_funds,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'other_funds_income'), 0) as other_funds_half,
        coalesce(any_value(amount_wan) filter (where line_item = 'fiscal_special_account_income'), 0)
            as special_account,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'fiscal_special_account_income'), 0)
            as special_account_half,
        any_value(amount_wan) filter (where line_item = 'total_income') as total_income,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'total_income'), 0) as total_income_half,
        any_value(page_number) filter (where line_item = 'total_income') as total_income_page,
        coalesce(any_value(amount_wan) filter (where line_item = 'prior_year_balance'), 0) as prior_year_balance,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'prior_year_balance'), 0) as prior_year_balance_half,
        any_value(amount_wan) filter (where line_item = 'grand_total_income') as grand_total_income,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'grand_total_income'), 0) as grand_total_income_half,
        any_value(page_number) filter (where line_item = 'grand_total_income') as grand_total_income_page,
        sum(amount_wan) filter (where code_length = 3) as class_lines,
        sum(half_unit_wan) filter (where code_length = 3) as class_bound,
        sum(amount_wan) filter (where line_item in ('basic_expenditure', 'project_expenditure', 'reserve'))
            as use_lines,
        sum(half_unit_wan) filter (where line_item in ('basic_expenditure', 'project_expenditure', 'reserve'))
            as use_bound,
        any_value(amount_wan) filter (where line_item = 'total_expenditure') as total_expenditure,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'total_expenditure'), 0) as total_expenditure_half,
        any_value(page_number) filter (where line_item = 'total_expenditure') as total_expenditure_page,
        coalesce(any_value(amount_wan) filter (where line_item = 'carry_forward'), 0) as carry_forward,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'carry_forward'), 0) as carry_forward_half,
        any_value(amount_wan) filter (where line_item = 'grand_total_expenditure') as grand_total_expenditure,
        coalesce(any_value(half_unit_wan) filter (where line_item = 'grand_total_expenditure'), 0) as grand_total_expenditure_half,
        any_value(page_number) filter (where line_item = 'grand_total_expenditure') as grand_total_expenditure_page
    from budget_lines
    group by document_id, table_seq, table_name
),

budget_totals as (
    select
        *,
        -- the income of the year: its printed subtotal, else the top-level lines
        coalesce(appropriation, fund_lines, 0) + special_account + coalesce(other_funds, other_fund_lines, 0)
            as income_lines,
        case when appropriation is null then coalesce(fund_bound, 0) else appropriation_half end
        + special_account_half
        + case when other_funds is null then coalesce(other_fund_bound, 0) else other_funds_half end as income_bound,
        -- the expenditure of the year: its printed subtotal, else 支出合计 − 结转下年资金
        coalesce(total_expenditure, grand_total_expenditure - carry_forward) as year_expenditure,
        case
            when total_expenditure is null then grand_total_expenditure_half + carry_forward_half
            else total_expenditure_half
        end as year_expenditure_bound,
        coalesce(total_expenditure_page, grand_total_expenditure_page) as year_expenditure_page
    from budget_parts
),

budget_check_rows as (
    select
        document_id,
        table_name,
        'appropriation_equals_funds' as check_suffix,
        'fiscal_appropriation_income' as row_key,
        fund_lines as expected_wan,
        appropriation as actual_wan,
        fund_bound + appropriation_half as bound_wan,
        appropriation_page as page_number,
        '财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营预算' as details
    from budget_totals
    union all
    select
        document_id,
        table_name,
        'other_funds_equal_parts',
        'other_funds_income',
        other_fund_lines,
        other_funds,
        other_fund_bound + other_funds_half,
        null,
        '其他资金 = 事业收入 + 经营收入 + 其他收入'
    from budget_totals
    union all
    select
        document_id,
        table_name,
        'total_income',
        'total_income',
        income_lines,
        total_income,
        income_bound + total_income_half,
        total_income_page,
        '财政拨款 + 财政专户管理资金 + 其他资金 = 当年收入小计'
    from budget_totals
    union all
    select
        document_id,
        table_name,
        'grand_total_income',
        'grand_total_income',
        coalesce(total_income, income_lines) + prior_year_balance,
        grand_total_income,
        case when total_income is null then income_bound else total_income_half end
        + prior_year_balance_half + grand_total_income_half,
        grand_total_income_page,
        '当年收入小计 (or its parts) + 上年结转 = 收入合计'
    from budget_totals
    union all
    select
        document_id,
        table_name,
        'total_expenditure',
        'total_expenditure',
        class_lines,
        year_expenditure,
        class_bound + year_expenditure_bound,
        year_expenditure_page,
        'Σ 类 lines = 当年支出小计 (支出合计 − 结转下年资金 where no subtotal is printed)'
    from budget_totals
    union all
    select
        document_id,
        table_name,
        'use_equals_total',
        'total_expenditure',
        use_lines,
        year_expenditure,
        use_bound + year_expenditure_bound,
        year_expenditure_page,
        '基本支出 + 项目支出 + 单位预留机动经费 (支出用途) = 当年支出小计'
    from budget_totals
    union all
    select
        document_id,
        table_name,
        'grand_total_expenditure',
        'grand_total_expenditure',
        total_expenditure + carry_forward,
        grand_total_expenditure,
        total_expenditure_half + carry_forward_half + grand_total_expenditure_half,
        grand_total_expenditure_page,
        '当年支出小计 + 结转下年资金 = 支出合计'
    from budget_totals
    union all
    select
        document_id,
        table_name,
        'grand_totals_equal',
        'grand_total',
        grand_total_income,
        grand_total_expenditure,
        grand_total_income_half + grand_total_expenditure_half,
        grand_total_expenditure_page,
        '收入合计 = 支出合计'
    from budget_totals
),

-- every budget check is a summary check of the table's amount column
budget_checks as (
    select
        document_id,
        table_name,
        'summary' as family,
        table_name || '.' || check_suffix as check_name,
        row_key,
        'amount' as measure,
        expected_wan,
        actual_wan,
        bound_wan,
        page_number,
        details
    from budget_check_rows
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
        income_bound + total_income_half as bound_wan,
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
        class_bound + total_expenditure_half,
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
        total_income_half + balance_used_half + opening_balance_half + grand_total_income_half,
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
        total_expenditure_half + balance_distribution_half + closing_balance_half + grand_total_expenditure_half,
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
        income_side.grand_total_income_half + expenditure_side.grand_total_expenditure_half as bound_wan,
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

{{ identity_checks_from(['summary_checks', 'summary_totals_equal', 'budget_checks']) }}
