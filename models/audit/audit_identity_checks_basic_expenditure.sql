{{ config(materialized='table') }}

-- Basic expenditure: 人员经费 = 301 + 303, 公用经费 = the rest, their sum = 一般公共预算 基本支出.
with lines as (
    select * from {{ ref('fct_budget_line') }}
),

coded as (
    select
        *,
        length(subject_code) as code_length
    from lines
    where subject_code is not null
),

-- 4. basic expenditure: 人员经费 = 301 + 303; 公用经费 = the other 类; their sum = 基本支出
basic as (
    select
        document_id,
        sum(amount_wan) filter (where code_length = 3 and subject_code in ('301', '303')) as personnel_classes,
        sum(half_unit_wan) filter (where code_length = 3 and subject_code in ('301', '303')) as personnel_bound,
        sum(amount_wan) filter (where code_length = 3 and subject_code not in ('301', '303')) as public_classes,
        sum(half_unit_wan) filter (where code_length = 3 and subject_code not in ('301', '303')) as public_bound
    from coded
    where table_name = 'general_budget_basic_expenditure'
    group by document_id
),

basic_totals as (
    select
        document_id,
        any_value(amount_wan) filter (where line_item = 'personnel_total') as personnel_total,
        any_value(half_unit_wan) filter (where line_item = 'personnel_total') as personnel_half_unit,
        any_value(page_number) filter (where line_item = 'personnel_total') as personnel_page,
        any_value(amount_wan) filter (where line_item = 'public_total') as public_total,
        any_value(half_unit_wan) filter (where line_item = 'public_total') as public_half_unit,
        any_value(page_number) filter (where line_item = 'public_total') as public_page
    from lines
    where table_name = 'general_budget_basic_expenditure'
    group by document_id
),

general_budget_basic as (
    select
        document_id,
        any_value(amount_wan) as basic_total,
        any_value(half_unit_wan) as basic_half_unit,
        any_value(page_number) as page_number
    from lines
    where table_name = 'general_budget_expenditure' and line_item = 'grand_total' and measure = 'basic'
    group by document_id
),

basic_checks as (
    select
        basic.document_id,
        'general_budget_basic_expenditure' as table_name,
        'basic_expenditure' as family,
        'basic_expenditure.personnel_total' as check_name,
        'personnel_total' as row_key,
        'amount' as measure,
        basic.personnel_classes as expected_wan,
        basic_totals.personnel_total as actual_wan,
        basic.personnel_bound + basic_totals.personnel_half_unit as bound_wan,
        basic_totals.personnel_page as page_number,
        '人员经费合计 = 301 + 303' as details
    from basic inner join basic_totals on basic.document_id = basic_totals.document_id
    where basic_totals.personnel_total is not null and basic.personnel_classes is not null
    union all
    select
        basic.document_id,
        'general_budget_basic_expenditure',
        'basic_expenditure',
        'basic_expenditure.public_total',
        'public_total',
        'amount',
        basic.public_classes,
        basic_totals.public_total,
        basic.public_bound + basic_totals.public_half_unit,
        basic_totals.public_page,
        '公用经费合计 = 302 + 307 + 309 + 310 + …'
    from basic inner join basic_totals on basic.document_id = basic_totals.document_id
    where basic_totals.public_total is not null and basic.public_classes is not null
    union all
    select
        basic_totals.document_id,
        'general_budget_basic_expenditure',
        'basic_expenditure',
        'basic_expenditure.equals_general_budget_basic',
        'basic',
        'amount',
        general_budget_basic.basic_total,
        basic_totals.personnel_total + basic_totals.public_total,
        basic_totals.personnel_half_unit + basic_totals.public_half_unit + general_budget_basic.basic_half_unit,
        basic_totals.personnel_page,
        '人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出表 基本支出 (page '
        || general_budget_basic.page_number || ')'
    from basic_totals inner join general_budget_basic
        on basic_totals.document_id = general_budget_basic.document_id
    where basic_totals.personnel_total is not null and basic_totals.public_total is not null
)

{{ identity_checks_from(['basic_checks']) }}
