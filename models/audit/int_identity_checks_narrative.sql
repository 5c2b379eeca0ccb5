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
        || coalesce(nullif(table_text, ''), 'a blank cell') as details
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
        || {{ amount_text('base_wan') }} || '万元'
        || coalesce(' (the table figure on page ' || base_page_number || ')', '') as details
    from rates
),

-- "政府采购支出总额 X 万元，其中：货物 a、工程 b、服务 c": the parts the same page
-- states add up to the total it states
procurement_parts as (
    select
        document_id,
        page_number,
        count(*) filter (where topic = 'procurement_total') as totals,
        count(*) filter (where topic != 'procurement_total') as parts,
        any_value(stated_wan) filter (where topic = 'procurement_total') as total_wan,
        sum(stated_wan) filter (where topic != 'procurement_total') as parts_wan,
        count(*) filter (where topic != 'procurement_total' and stated_wan != 0) as nonzero_parts,
        string_agg(topic || ' ' || stated_text, ', ' order by figure_seq) as stated
    from figures
    where topic in ('procurement_total', 'procurement_goods', 'procurement_works', 'procurement_services')
    group by document_id, page_number
),

procurement_checks as (
    select
        document_id,
        'narrative' as family,
        null as table_name,
        'procurement_total' as row_key,
        'amount' as measure,
        parts_wan as expected_wan,
        total_wan as actual_wan,
        0::decimal(20, 6) as precision_unit,
        page_number,
        'narrative.procurement_parts_sum_to_total' as check_name,
        greatest(nonzero_parts, 1) as n_terms,
        '情况说明 states ' || stated || ': 货物 + 工程 + 服务 should equal the total' as details
    from procurement_parts
    where totals = 1 and parts >= 2
),

checks as (
    -- the three kinds list their columns in different orders: union by name
    select * from amount_checks
    union all by name
    select * from procurement_checks
    union all by name
    select * from rate_checks
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
    n_terms,
    precision_unit,
    page_number,
    details,
    false as is_failed,
    null::varchar as severity_hint,
    (actual_wan - expected_wan)::decimal(20, 6) as difference_wan
from checks
