{{ config(materialized='table') }}

-- Row identities: the total column = Σ part columns; 三公 合计 = parts (and, decided, a 三公
-- 合计 of 0 beside a category that is not).
with lines as (
    select * from {{ ref('fct_budget_line') }}
),

-- 3. row identities: the total column = Σ its parts, per printed row. Which columns are the
-- parts depends on the table; the rounding bound counts only those (a 政府性基金 row's 年初结转 and
-- 收入 are not part of its 支出 小计)
row_lines as (
    select
        *,
        {{ is_part_measure('table_name', 'measure') }} as is_part
    from lines
    where
        table_name in (
            'income', 'expenditure', 'fiscal_appropriation_summary', 'general_budget_expenditure',
            'general_budget_expenditure_detail', 'government_fund', 'state_capital_expenditure',
            'state_capital_income_expenditure', 'general_budget_basic_expenditure', 'income_expenditure_summary'
        )
),

-- one printed row: its key and its position (a key printed twice is two rows, each checked on its own)
row_parts as (
    select
        document_id,
        table_seq,
        table_name,
        page_number,
        row_index,
        coalesce(subject_code, line_item) as row_key,
        any_value(amount_wan) filter (where measure = 'total') as row_total,
        any_value(half_unit_wan) filter (where measure = 'total') as row_total_half_unit,
        sum(amount_wan) filter (where is_part) as parts,
        sum(half_unit_wan) filter (where is_part) as parts_bound
    from row_lines
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
        parts as expected_wan,
        row_total as actual_wan,
        parts_bound + row_total_half_unit as bound_wan,
        page_number,
        'total column = Σ part columns' as details
    from row_parts
    where row_total is not null and parts is not null
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
        sum(half_unit_wan) filter (where line_item in ('overseas', 'vehicle_total', 'reception', 'total'))
            as bound_wan,
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
        sum(half_unit_wan) filter (where line_item in ('vehicle_purchase', 'vehicle_operation', 'vehicle_total')),
        any_value(page_number) filter (where line_item = 'vehicle_total'),
        '小计 = 购置 + 运行维护'
    from lines
    where table_name = 'three_public'
    group by document_id, measure
    having
        count(*) filter (where line_item = 'vehicle_total') = 1
        and count(*) filter (where line_item in ('vehicle_purchase', 'vehicle_operation')) > 0
    union all
    -- budget reports: a leftmost 合计 over 三公, 会议费 and 培训费
    select
        document_id,
        'three_public',
        'row',
        'three_public.grand_total_equals_parts',
        'grand_total',
        measure,
        sum(amount_wan) filter (where line_item in ('total', 'meeting', 'training')),
        any_value(amount_wan) filter (where line_item = 'grand_total'),
        sum(half_unit_wan) filter (where line_item in ('total', 'meeting', 'training', 'grand_total')),
        any_value(page_number) filter (where line_item = 'grand_total'),
        '合计 = “三公”经费 + 会议费 + 培训费'
    from lines
    where table_name = 'three_public'
    group by document_id, measure
    having count(*) filter (where line_item = 'grand_total') = 1
)
,
-- Decided (issue 15): a 三公 合计 printed as 0 while a category beside it is not is the total
-- left out, whatever the rounding
three_public_zero_total as (
    select
        document_id,
        'row' as family,
        'three_public.total_zero_parts_not' as check_name,
        'three_public' as table_name,
        'total' as row_key,
        measure,
        'error' as severity_hint,
        any_value(page_number) filter (where line_item = 'total') as page_number,
        '合计 printed ' || coalesce(nullif(any_value(value_text) filter (where line_item = 'total'), ''), 'blank')
        || ' while ' || string_agg(line_item || ' ' || value_text, ', ' order by line_item) filter (
            where line_item in ('overseas', 'vehicle_total', 'reception') and amount_wan != 0
        ) as details
    from lines
    where table_name = 'three_public'
    group by document_id, measure
    having
        count(*) filter (where line_item = 'total') = 1
        and any_value(amount_wan) filter (where line_item = 'total') = 0
        and count(*) filter (where line_item in ('overseas', 'vehicle_total', 'reception') and amount_wan != 0) > 0
),

checks as (
    {{ identity_checks_from(['row_checks', 'three_public_checks']) }}
)

select * from checks
union all by name
{{ decided_checks_from(['three_public_zero_total']) }}
