{{ config(materialized='table') }}

-- Row identities: the total column = Σ part columns; 三公 合计 = parts.
with lines as (
    select * from {{ ref('fct_budget_line') }}
),

-- 3. row identities: the total column = Σ its parts, per printed row
row_parts as (
    select
        document_id,
        table_seq,
        table_name,
        coalesce(subject_code, line_item) as row_key,
        any_value(amount_wan) filter (where measure = 'total') as row_total,
        any_value(page_number) filter (where measure = 'total') as page_number,
        sum(amount_wan) filter (where measure in (
            'fiscal_appropriation', 'superior_subsidy', 'business', 'operating', 'subsidiary_remit', 'other'
        ) and table_name = 'income') as income_parts,
        sum(amount_wan) filter (where measure in (
            'basic', 'project', 'remit_to_superior', 'operating', 'subsidiary_grant'
        ) and table_name = 'expenditure') as expenditure_parts,
        sum(
            amount_wan) filter (
            where measure in ('general_budget', 'government_fund', 'state_capital')
            and table_name = 'fiscal_appropriation_summary'
        ) as fund_parts,
        sum(amount_wan) filter (where measure in ('basic', 'project') and table_name in (
            'general_budget_expenditure', 'government_fund', 'state_capital_expenditure',
            'state_capital_income_expenditure', 'general_budget_expenditure_detail'
        )) as nature_parts,
        -- the tolerance counts the parts summed, not every other column of the row
        -- (a 政府性基金 row's 年初结转 and 收入 are not part of its 支出 小计)
        count(*) filter (where amount_wan != 0 and (
            (table_name = 'income' and measure in (
                'fiscal_appropriation', 'superior_subsidy', 'business', 'operating', 'subsidiary_remit', 'other'
            ))
            or (table_name = 'expenditure' and measure in (
                'basic', 'project', 'remit_to_superior', 'operating', 'subsidiary_grant'
            ))
            or (table_name = 'fiscal_appropriation_summary' and measure in (
                'general_budget', 'government_fund', 'state_capital'
            ))
            or (table_name not in ('income', 'expenditure', 'fiscal_appropriation_summary') and measure in (
                'basic', 'project'
            ))
        )) as n_parts
    from lines
    where
        table_name in (
            'income', 'expenditure', 'fiscal_appropriation_summary', 'general_budget_expenditure',
            'general_budget_expenditure_detail', 'government_fund', 'state_capital_expenditure',
            'state_capital_income_expenditure'
        )
    group by all
),

row_checks as (
    select
        document_id,
        table_name,
        'row' as family,
        table_name || '.row_total_equals_columns' as check_name,
        row_key,
        'total' as measure,
        coalesce(income_parts, expenditure_parts, fund_parts, nature_parts) as expected_wan,
        row_total as actual_wan,
        n_parts as n_terms,
        page_number,
        'total column = Σ part columns' as details
    from row_parts
    where row_total is not null and coalesce(income_parts, expenditure_parts, fund_parts, nature_parts) is not null
),

three_public_checks as (
    select
        document_id,
        'three_public' as table_name,
        'row' as family,
        'three_public.total_equals_parts' as check_name,
        'total' as row_key,
        measure,
        sum(amount_wan) filter (where line_item in ('overseas', 'vehicle_total', 'reception')) as expected_wan,
        any_value(amount_wan) filter (where line_item = 'total') as actual_wan,
        3 as n_terms,
        any_value(page_number) filter (where line_item = 'total') as page_number,
        '合计 = 因公出国 + 公务用车购置及运行维护 + 公务接待' as details
    from lines
    where table_name = 'three_public'
    group by document_id, measure
    having
        count(*) filter (where line_item = 'total') = 1
        and count(*) filter (where line_item in ('overseas', 'vehicle_total', 'reception')) > 0
    union all
    select
        document_id,
        'three_public',
        'row',
        'three_public.vehicle_total_equals_parts',
        'vehicle_total',
        measure,
        sum(amount_wan) filter (where line_item in ('vehicle_purchase', 'vehicle_operation')),
        any_value(amount_wan) filter (where line_item = 'vehicle_total'),
        2,
        any_value(page_number) filter (where line_item = 'vehicle_total'),
        '小计 = 购置 + 运行维护'
    from lines
    where table_name = 'three_public'
    group by document_id, measure
    having
        count(*) filter (where line_item = 'vehicle_total') = 1
        and count(*) filter (where line_item in ('vehicle_purchase', 'vehicle_operation')) > 0
)

{{ identity_checks_from(['row_checks', 'three_public_checks']) }}
