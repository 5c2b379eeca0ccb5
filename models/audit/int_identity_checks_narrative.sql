{{ config(materialized='table') }}

-- Narrative (情况说明) figures against the tables: a stated amount against the
-- table figure it describes (one term each side), and a stated percentage
-- against its recomputation: it must be that value rounded to the printed
-- precision (tolerance half a printed unit, so an exact tie may round either way).
with figures as (
    select * from {{ ref('fct_narrative_figure') }}
),

amount_checks as (
    select
        document_id,
        'narrative' as family,
        table_name,
        'amount' as measure,
        table_wan as expected_wan,
        stated_wan as actual_wan,
        1 as n_terms,
        0::decimal(20, 6) as precision_unit,
        page_number,
        'narrative.' || topic || '_equals_table' as check_name,
        coalesce(subject_code, topic) as row_key,
        '情况说明 states ' || stated_text || '; ' || table_name || ' (page ' || table_page_number || ') prints '
        || table_text as details
    from figures
    where stated_wan is not null and table_wan is not null and stated_rate is null
),

rates as (
    select
        *,
        -- decimals printed after the point in "58.22%"
        coalesce(length(regexp_extract(stated_text, '\.(\d+)%', 1)), 0) as decimals
    from figures
    where stated_rate is not null and base_wan is not null and base_wan != 0
),

rate_checks as (
    select
        document_id,
        'narrative' as family,
        null as table_name,
        topic as row_key,
        'percent' as measure,
        0 as n_terms,
        page_number,
        'narrative.' || topic as check_name,
        (stated_wan / base_wan * 100)::decimal(20, 6) as expected_wan,
        (stated_rate * 100)::decimal(20, 6) as actual_wan,
        (1 / power(10, decimals))::decimal(20, 6) as precision_unit,
        '情况说明 states ' || stated_text || ' for ' || {{ amount_text('stated_wan') }} || '万元 of '
        || {{ amount_text('base_wan') }} || '万元' as details
    from rates
)

select
    document_id,
    family,
    check_name,
    table_name,
    row_key,
    measure,
    expected_wan,
    actual_wan,
    (actual_wan - expected_wan)::decimal(20, 6) as difference_wan,
    n_terms,
    precision_unit,
    page_number,
    details,
    false as is_failed,
    null::varchar as severity_hint
from amount_checks
union all
select
    document_id,
    family,
    check_name,
    table_name,
    row_key,
    measure,
    expected_wan,
    actual_wan,
    (actual_wan - expected_wan)::decimal(20, 6) as difference_wan,
    n_terms,
    precision_unit,
    page_number,
    details,
    false as is_failed,
    null::varchar as severity_hint
from rate_checks
