{{ config(materialized='table') }}

-- The comparisons the narrative states (issue 15 (a), (i)): "与上年相比增加 X 万元，增长 Y%，主要原因是…"
-- and "决算数小于预算数", held against their own words and the figures beside them. Kept apart from
-- audit_identity_checks_narrative, which holds stated figures against tables and projects these rows into
-- the check row of the narrative family with its own.
with statements as (
    select
        statements.*,
        documents.report_kind,
        -- a reason several statements share ("收入增加…，支出减少…。增加的主要原因…") says nothing of each
        count(*) over (
            partition by statements.document_id, statements.page_number, statements.reason_text
        ) as sharing_reason
    from {{ ref('fct_narrative_statement') }} as statements
    inner join {{ ref('dim_document') }} as documents on statements.document_id = documents.document_id
),

worded as (
    select
        *,
        figure_wan - base_wan as difference_wan,
        figure_half_unit_wan + base_half_unit_wan as pair_bound_wan,
        0.5 / power(10, rate_decimals) as rate_half_unit
    from statements
),

-- the words contradict each other or the figures beside them: an error, the text says both
word_disagreements as (
    select
        *,
        case
            when kind = 'change_vs_last_year' and direction * rate_direction = -1
                then
                    'states "' || direction_word || ' ' || amount_text || '" and "' || rate_word || ' ' || rate_text
                    || '"'
            when
                kind = 'change_vs_last_year' and direction = 0 and direction_word != '基本持平'
                and (amount_wan > 0 or rate_percent > 0)
                then 'states "' || direction_word || '" with a change of ' || coalesce(amount_text, rate_text)
            when
                kind = 'change_vs_last_year' and direction * reason_direction = -1 and sharing_reason = 1
                and regexp_matches(reason_text, '^(增加|减少|增长|下降|上升|降低)')
                then
                    'states "' || direction_word || coalesce(' ' || amount_text, '') || '", then "' || reason_text
                    || '"'
            when
                kind = 'actual_vs_budget' and difference_wan is not null and (
                    (direction = 1 and difference_wan < -pair_bound_wan)
                    or (direction = -1 and difference_wan > pair_bound_wan)
                    or (direction = 0 and direction_word != '基本持平' and abs(difference_wan) > pair_bound_wan)
                )
                then 'states 决算数' || direction_word || '预算数 for 决算 ' || figure_text || ' and 预算 ' || base_text
            when
                kind = 'actual_vs_budget' and difference_wan is null and (
                    (direction = 1 and rate_percent < 100 - rate_half_unit)
                    or (direction = -1 and rate_percent > 100 + rate_half_unit)
                    or (direction = 0 and direction_word != '基本持平' and abs(rate_percent - 100) > rate_half_unit)
                )
                then 'states 决算数' || direction_word || '预算数 and a completion rate of ' || rate_text
        end as disagreement
    from worded
),

word_checks as (
    select
        document_id,
        null as table_name,
        'words' as measure,
        page_number,
        'narrative.comparison_words_disagree' as check_name,
        kind as row_key,
        null::decimal(20, 6) as expected_wan,
        null::decimal(20, 6) as actual_wan,
        'error' as severity_hint,
        '情况说明 "' || statement_text || '" ' || disagreement as details
    from word_disagreements
    where disagreement is not null
),

-- "增长 Y%" against the amount and this year's figure (last year = this year ∓ the change) or the
-- figures the sentence states for both years; the bound is the exact spread of the recomputed rate
-- when each figure moves by half a unit of its last printed digit
change_rates as (
    select
        *,
        coalesce(rate_direction, direction) as sign,
        coalesce(base_wan, figure_wan - coalesce(rate_direction, direction) * amount_wan) as last_year_wan,
        coalesce(base_half_unit_wan, figure_half_unit_wan + amount_half_unit_wan) as last_year_half_unit_wan
    from worded
    where
        kind = 'change_vs_last_year' and rate_percent is not null and figure_wan is not null
        and coalesce(rate_direction, direction) in (1, -1) and (base_wan is not null or amount_wan is not null)
),

change_rate_bounds as (
    select
        *,
        100 * abs(figure_wan - last_year_wan) / last_year_wan as expected_percent,
        -- the ratio this year / last year at the extremes rounding allows
        100 * greatest(
            abs((figure_wan + figure_half_unit_wan) / (last_year_wan - last_year_half_unit_wan) - figure_wan / last_year_wan),
            abs(figure_wan / last_year_wan - (figure_wan - figure_half_unit_wan) / (last_year_wan + last_year_half_unit_wan))
        ) as spread_percent
    from change_rates
    -- last year 0 (a unit founded this year): no rate exists to check
    where last_year_wan > last_year_half_unit_wan
),

change_rate_checks as (
    select
        document_id,
        null as table_name,
        'percent' as measure,
        page_number,
        'narrative.change_rate_recomputed' as check_name,
        coalesce(nullif(subject_text, ''), kind) as row_key,
        spread_percent::decimal(22, 8) as bound_wan,
        expected_percent::decimal(20, 6) as expected_wan,
        rate_percent::decimal(20, 6) as actual_wan,
        (1 / power(10, rate_decimals))::decimal(20, 6) as precision_unit,
        '情况说明 "' || statement_text || '": ' || coalesce(
            'last year ' || base_text || ', this year ' || figure_text,
            'this year ' || figure_text || ', so last year ' || {{ amount_text('last_year_wan') }} || '万元'
        ) || ', a change of ' || {{ amount_text('expected_percent::decimal(20, 4)') }} || '%' as details
    from change_rate_bounds
),

-- "预算为 A 万元，支出决算为 B 万元，完成预算的 R%，决算数大于预算数": R against B / A, where the
-- figures' own topics (三公, 一般公共预算) did not already check it
stated_completion_rates as (
    select
        document_id,
        page_number,
        stated_rate * 100 as rate_percent
    from {{ ref('fct_narrative_figure') }}
    where topic like '%completion\_rate' escape '\' and stated_rate is not null
),

completion_checks as (
    select
        worded.document_id,
        null as table_name,
        'percent' as measure,
        worded.page_number,
        'narrative.completion_rate_recomputed' as check_name,
        'actual_vs_budget' as row_key,
        (100 * greatest(
            (worded.figure_wan + worded.figure_half_unit_wan) / (worded.base_wan - worded.base_half_unit_wan)
            - worded.figure_wan / worded.base_wan,
            worded.figure_wan / worded.base_wan
            - (worded.figure_wan - worded.figure_half_unit_wan) / (worded.base_wan + worded.base_half_unit_wan)
        ))::decimal(22, 8) as bound_wan,
        (100 * worded.figure_wan / worded.base_wan)::decimal(20, 6) as expected_wan,
        worded.rate_percent::decimal(20, 6) as actual_wan,
        (1 / power(10, worded.rate_decimals))::decimal(20, 6) as precision_unit,
        '情况说明 "' || worded.statement_text || '": 决算 ' || worded.figure_text || ' of 预算 ' || worded.base_text
        || ' is ' || {{ amount_text('(100 * worded.figure_wan / worded.base_wan)::decimal(20, 4)') }} || '%, stated as '
        || worded.rate_text as details
    from worded
    left join stated_completion_rates as stated
        on
            worded.document_id = stated.document_id
            and worded.page_number = stated.page_number
            and worded.rate_percent = stated.rate_percent
    where
        worded.kind = 'actual_vs_budget' and worded.rate_percent is not null and worded.figure_wan is not null
        and worded.base_wan > worded.base_half_unit_wan and stated.document_id is null
),

-- (i) a 决算's change against last year without the reason its template asks for (主要原因): a
-- warning, an omission rather than a contradiction
unexplained_changes as (
    select
        document_id,
        null as table_name,
        'words' as measure,
        page_number,
        'narrative.change_without_reason' as check_name,
        coalesce(nullif(subject_text, ''), kind) as row_key,
        null::decimal(20, 6) as expected_wan,
        null::decimal(20, 6) as actual_wan,
        'warning' as severity_hint,
        '情况说明 "' || statement_text || '" gives no reason (主要原因) in its sentence or the next' as details
    from statements
    where
        kind = 'change_vs_last_year' and report_kind = 'final_accounts' and reason_text is null
        and coalesce(direction, 1) != 0 and (amount_wan > 0 or rate_percent > 0)
)

-- the rows, projected into the check row once, by audit_identity_checks_narrative (family narrative)
select * from change_rate_checks
union all by name
select * from completion_checks
union all by name
{{ decided_rows(['word_checks', 'unexplained_changes']) }}
