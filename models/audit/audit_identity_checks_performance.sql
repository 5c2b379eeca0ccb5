{{ config(materialized='table') }}

-- Performance sheets: 执行率 = 执行数 / 调整后预算数 at the printed precision;
-- Σ weights (budget + indicators) = the printed 合计 weight; Σ scores =
-- the printed total score; each score ≤ its weight; the rate the conclusion
-- text states = the rate the table prints.
with sheets as (
    select * from {{ ref('fct_project_performance') }}
),

indicators as (
    select * from {{ ref('fct_performance_indicator') }}
),

raw_sheets as (
    select
        document_id,
        sheet_seq,
        total_weight
    from {{ ref('stg_performance_sheets') }}
),

sums as (
    select
        document_id,
        sheet_seq,
        sum(weight) as weights,
        sum(score) as scores,
        sum({{ points_half_unit('weight') }}) as weights_bound,
        sum({{ points_half_unit('score') }}) as scores_bound
    from indicators
    group by all
),

rates as (
    select
        *,
        coalesce(length(regexp_extract(execution_rate_text, '\.(\d+)', 1)), 0) as decimals
    from sheets
    where
        execution_rate is not null and budget_adjusted_wan is not null and budget_adjusted_wan != 0
        and executed_wan is not null
),

rate_checks as (
    select
        document_id,
        'performance.execution_rate' as check_name,
        project_name as row_key,
        'percent' as measure,
        (executed_wan / budget_adjusted_wan * 100)::decimal(20, 6) as expected_wan,
        (execution_rate * 100)::decimal(20, 6) as actual_wan,
        0::decimal(22, 10) as bound_wan,
        (1 / power(10, decimals))::decimal(20, 6) as precision_unit,
        page_number,
        '执行率 ' || execution_rate_text || ' for 执行数 ' || {{ amount_text('executed_wan') }} || ' / 调整后预算 '
        || {{ amount_text('budget_adjusted_wan') }} as details,
        false as is_failed
    from rates
),

weight_checks as (
    select
        sheets.document_id,
        'performance.weights_sum_to_total' as check_name,
        sheets.project_name as row_key,
        'weight' as measure,
        raw_sheets.total_weight::decimal(20, 6) as expected_wan,
        (sums.weights + coalesce(sheets.budget_weight, 0))::decimal(20, 6) as actual_wan,
        sums.weights_bound + {{ points_half_unit('sheets.budget_weight') }}
        + {{ points_half_unit('raw_sheets.total_weight') }} as bound_wan,
        0::decimal(20, 6) as precision_unit,
        sheets.page_number,
        'Σ indicator weights + budget weight = 合计 weight' as details,
        false as is_failed
    from sheets
    inner join sums on sheets.document_id = sums.document_id and sheets.sheet_seq = sums.sheet_seq
    left join raw_sheets on sheets.document_id = raw_sheets.document_id and sheets.sheet_seq = raw_sheets.sheet_seq
    -- only where the sheet prints its 合计 weight: some layouts leave the budget
    -- block's points out of the sheet, so 100 cannot be assumed
    where sheets.sheet_kind = 'project' and sums.weights is not null and raw_sheets.total_weight is not null
),

score_checks as (
    select
        sheets.document_id,
        'performance.scores_sum_to_total' as check_name,
        sheets.project_name as row_key,
        'score' as measure,
        (sums.scores + coalesce(sheets.budget_score, 0))::decimal(20, 6) as expected_wan,
        sheets.total_score::decimal(20, 6) as actual_wan,
        sums.scores_bound + {{ points_half_unit('sheets.budget_score') }}
        + {{ points_half_unit('sheets.total_score') }} as bound_wan,
        0::decimal(20, 6) as precision_unit,
        sheets.page_number,
        '总分 ' || sheets.total_score_text || ' = Σ indicator scores + budget score' as details,
        false as is_failed
    from sheets
    inner join sums on sheets.document_id = sums.document_id and sheets.sheet_seq = sums.sheet_seq
    where sheets.total_score is not null and sums.scores is not null
),

score_over_weight as (
    select
        document_id,
        'performance.score_within_weight' as check_name,
        coalesce(level3, level2) as row_key,
        'score' as measure,
        weight::decimal(20, 6) as expected_wan,
        score::decimal(20, 6) as actual_wan,
        0::decimal(22, 10) as bound_wan,
        0::decimal(20, 6) as precision_unit,
        page_number,
        '得分 ' || {{ amount_text('score') }} || ' exceeds 权重 ' || {{ amount_text('weight') }} as details,
        true as is_failed
    from indicators
    where score > weight
),

conclusion_rates as (
    select
        *,
        regexp_extract(regexp_replace(conclusion, '\s', '', 'g'), '执行率(?:为|是|达到)?([0-9.]+)%', 1) as stated
    from sheets
    where conclusion is not null and execution_rate is not null
),

conclusion_checks as (
    select
        document_id,
        'performance.conclusion_rate_equals_table' as check_name,
        project_name as row_key,
        'percent' as measure,
        (execution_rate * 100)::decimal(20, 6) as expected_wan,
        stated::decimal(20, 6) as actual_wan,
        -- two printings of one rate: each off by at most half a unit of its last digit
        {{ half_unit_of_last_digit('stated') }} + {{ half_unit_of_last_digit('execution_rate_text') }} as bound_wan,
        0::decimal(20, 6) as precision_unit,
        page_number,
        '评价结论 states 执行率 ' || stated || '%; the table prints ' || execution_rate_text as details,
        false as is_failed
    from conclusion_rates
    where stated != ''
),

all_checks as (
    select * from rate_checks
    union all
    select * from weight_checks
    union all
    select * from score_checks
    union all
    select * from score_over_weight
    union all
    select * from conclusion_checks
)

select
    document_id,
    'performance' as family,
    check_name,
    'performance_sheet' as table_name,
    row_key,
    measure,
    expected_wan,
    actual_wan,
    precision_unit,
    page_number,
    details,
    is_failed,
    null::varchar as severity_hint,
    bound_wan::decimal(22, 8) as bound_wan,
    (actual_wan - expected_wan)::decimal(20, 6) as difference_wan
from all_checks
where (expected_wan is not null and actual_wan is not null) or is_failed
