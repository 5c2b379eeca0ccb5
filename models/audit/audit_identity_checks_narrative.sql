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
        table_name,
        'amount' as measure,
        table_wan as expected_wan,
        stated_wan as actual_wan,
        stated_half_unit_wan + table_half_unit_wan as bound_wan,
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
        null as table_name,
        topic as row_key,
        'percent' as measure,
        0::decimal(22, 8) as bound_wan,
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
        sum(stated_half_unit_wan) as bound_wan,
        string_agg(topic || ' ' || stated_text, ', ' order by figure_seq) as stated
    from figures
    where topic in ('procurement_total', 'procurement_goods', 'procurement_works', 'procurement_services')
    group by document_id, page_number
),

procurement_checks as (
    select
        document_id,
        null as table_name,
        'procurement_total' as row_key,
        'amount' as measure,
        parts_wan as expected_wan,
        total_wan as actual_wan,
        0::decimal(20, 6) as precision_unit,
        page_number,
        'narrative.procurement_parts_sum_to_total' as check_name,
        bound_wan,
        '情况说明 states ' || stated || ': 货物 + 工程 + 服务 should equal the total' as details
    from procurement_parts
    where totals = 1 and parts >= 2
),

-- a budget report's "比上年预算增加 X 万元" against the same unit's budget report of the year
-- before (same scope), when the warehouse holds it: this year's figure − last year's figure of the
-- topic (each the table figure the topic describes, else the figure the text states)
budget_documents as (
    select
        document_id,
        unit_id,
        fiscal_year,
        scope
    from {{ ref('dim_document') }}
    where report_kind = 'budget'
),

table_figures as (
    select * from {{ ref('int_narrative_table_figures') }}
    where subject_code is null
),

changes as (
    select
        figures.document_id,
        figures.stated_wan,
        figures.stated_text,
        figures.base_wan,
        figures.stated_half_unit_wan,
        figures.page_number,
        documents.unit_id,
        documents.fiscal_year,
        documents.scope,
        regexp_replace(figures.topic, '_change$', '') as base_topic
    from figures
    inner join budget_documents as documents on figures.document_id = documents.document_id
    where figures.topic like 'budget\_%\_change' escape '\'
),

last_year as (
    select
        changes.*,
        last_table.amount_wan as last_year_wan,
        last_table.half_unit_wan as last_year_half_unit_wan,
        last_table.page_number as last_year_page,
        last_table.document_id as last_year_document_id,
        coalesce(this_table.amount_wan, changes.base_wan) as this_year_wan,
        -- a figure the sentence states beside the change is taken at the change's printed precision
        coalesce(this_table.half_unit_wan, changes.stated_half_unit_wan) as this_year_half_unit_wan
    from changes
    inner join budget_documents as earlier
        on
            changes.unit_id = earlier.unit_id
            and changes.scope = earlier.scope
            and changes.fiscal_year = earlier.fiscal_year + 1
    inner join table_figures as last_table
        on earlier.document_id = last_table.document_id and changes.base_topic = last_table.topic
    left join table_figures as this_table
        on changes.document_id = this_table.document_id and changes.base_topic = this_table.topic
    qualify row_number() over (
        partition by changes.document_id, changes.base_topic, changes.page_number, changes.stated_text
        order by last_table.document_id
    ) = 1
),

change_checks as (
    select
        document_id,
        null as table_name,
        base_topic as row_key,
        'change' as measure,
        (this_year_wan - last_year_wan)::decimal(20, 6) as expected_wan,
        stated_wan::decimal(20, 6) as actual_wan,
        0::decimal(20, 6) as precision_unit,
        page_number,
        'narrative.' || base_topic || '_change_vs_last_budget' as check_name,
        stated_half_unit_wan + this_year_half_unit_wan + last_year_half_unit_wan as bound_wan,
        '编制说明 states "' || stated_text || '"; this year ' || {{ amount_text('this_year_wan') }}
        || '万元, last year''s budget report (document ' || left(last_year_document_id, 12) || ', page '
        || last_year_page || ') ' || {{ amount_text('last_year_wan') }} || '万元' as details
    from last_year
),

-- 绩效目标: the projects that set performance targets cover part of 项目支出, never more
target_checks as (
    select
        figures.document_id,
        'expenditure' as table_name,
        'budget_performance_target_funds' as row_key,
        'amount' as measure,
        0::decimal(20, 6) as precision_unit,
        figures.page_number,
        'narrative.performance_target_funds_within_project_budget' as check_name,
        figures.stated_half_unit_wan + project.half_unit_wan as bound_wan,
        -- only an excess is a miss: within 项目支出 the stated figure is its own expectation
        least(project.amount_wan, figures.stated_wan) as expected_wan,
        figures.stated_wan as actual_wan,
        '编制说明 states ' || figures.stated_text || ' of projects with 绩效目标; 项目支出 (page '
        || project.page_number || ') is ' || {{ amount_text('project.amount_wan') }} || '万元' as details
    from figures
    inner join table_figures as project
        on figures.document_id = project.document_id and project.topic = 'budget_project'
    where figures.topic = 'budget_performance_target_funds'
),

-- Decided (issue 15): a stated figure 10,000 times (or 1/10,000 of) the table figure it describes,
-- within the rounding bound scaled alike, is a 元 / 万元 slip, not a misprint; a total stated as 0
-- against a table total that is not. A stated 0 is never a slip (it is 1/10,000 of any small figure).
slips as (
    select
        document_id,
        table_name,
        'amount' as measure,
        page_number,
        'narrative.wan_yuan_slip' as check_name,
        coalesce(subject_code, topic) as row_key,
        table_wan as expected_wan,
        stated_wan as actual_wan,
        'error' as severity_hint,
        '情况说明 states ' || stated_text || '; ' || table_name || ' (page ' || table_page_number || ') prints '
        || table_text || ' (' || {{ amount_text('table_wan') }} || ' 万元): '
        || case when abs(stated_wan) > abs(table_wan) then '10,000 times' else '1/10,000 of' end
        || ' the table figure, 元 written as 万元 or 万元 as 元' as details
    from figures
    where
        stated_wan is not null and table_wan is not null and stated_rate is null and table_wan != 0 and stated_wan != 0
        and (
            abs(stated_wan - table_wan * 10000) <= stated_half_unit_wan + table_half_unit_wan * 10000
            or abs(stated_wan * 10000 - table_wan) <= stated_half_unit_wan * 10000 + table_half_unit_wan
        )
),

zero_totals as (
    select
        document_id,
        table_name,
        'amount' as measure,
        page_number,
        'narrative.total_stated_zero' as check_name,
        topic as row_key,
        table_wan as expected_wan,
        stated_wan as actual_wan,
        'error' as severity_hint,
        '情况说明 states the total ' || topic || ' as ' || stated_text || '; ' || table_name || ' (page '
        || table_page_number || ') prints ' || table_text as details
    from figures
    where
        topic in (
            'grand_total', 'fiscal_grand_total', 'total_income', 'total_expenditure', 'general_budget_expenditure',
            'three_public_actual', 'three_public_budget'
        )
        and stated_rate is null and stated_wan = 0 and abs(table_wan) > table_half_unit_wan + stated_half_unit_wan
),

-- 机关运行经费 is the part of 一般公共预算 basic 公用经费 that keeps the offices running: stated above
-- the 公用经费 the basic-expenditure table prints, beyond both figures' rounding, it is worth a look
-- (a warning: some regions count 机关运行 project funds in it)
operating_over_public as (
    select
        figures.document_id,
        public_costs.table_name,
        'amount' as measure,
        figures.page_number,
        'narrative.operating_cost_exceeds_public' as check_name,
        'operating_cost' as row_key,
        public_costs.amount_wan as expected_wan,
        figures.stated_wan as actual_wan,
        'warning' as severity_hint,
        '情况说明 states 机关运行经费 ' || figures.stated_text || ', more than 公用经费 '
        || {{ amount_text('public_costs.amount_wan') }} || ' 万元 (' || public_costs.table_name || ', page '
        || public_costs.page_number || ')' as details
    from figures
    inner join table_figures as public_costs
        on figures.document_id = public_costs.document_id and public_costs.topic = 'public'
    where
        figures.topic = 'operating_cost'
        and figures.stated_wan - public_costs.amount_wan > figures.stated_half_unit_wan + public_costs.half_unit_wan
),

-- a completion rate on a 预算 the same sentence states as 0: no rate exists ("完成年初预算的 100%" of 0)
rates_on_zero as (
    select
        document_id,
        null as table_name,
        'percent' as measure,
        page_number,
        'narrative.rate_on_zero_base' as check_name,
        topic as row_key,
        null::decimal(20, 6) as expected_wan,
        (stated_rate * 100)::decimal(20, 6) as actual_wan,
        'error' as severity_hint,
        '情况说明 states a completion rate of ' || stated_text || ' on a 预算 it states as 0 ('
        || {{ amount_text('stated_wan') }} || ' 万元 against 0)' as details
    from figures
    where topic like '%completion\_rate' escape '\' and stated_rate is not null and base_wan = 0 and stated_wan != 0
),

-- a rate stated where its base is printed nowhere: not in the sentence, and no table figure for it
-- ("公务接待费支出决算为 3.2 万元，完成预算的 80%" with no 三公 table). A 0% of 0 万元 claims nothing.
rates_without_base as (
    select
        document_id,
        null as table_name,
        'percent' as measure,
        page_number,
        'narrative.rate_without_base' as check_name,
        topic as row_key,
        null::decimal(20, 6) as expected_wan,
        (stated_rate * 100)::decimal(20, 6) as actual_wan,
        'warning' as severity_hint,
        '情况说明 states ' || stated_text || ' ("' || context || '"), but no figure it is taken of is printed: not in the '
        || 'sentence, and no table holds it' as details
    from figures
    where
        stated_rate is not null and base_wan is null and topic not like '%\_other\_year' escape '\'
        and (stated_rate != 0 or coalesce(stated_wan, 0) != 0)
),

checks as (
    -- the kinds list their columns in different orders: union by name
    select * from amount_checks
    union all by name
    select * from procurement_checks
    union all by name
    select * from rate_checks
    union all by name
    select * from change_checks
    union all by name
    select * from target_checks
    union all by name
    {{ decided_rows(['slips', 'zero_totals', 'operating_over_public', 'rates_on_zero', 'rates_without_base']) }}
    -- the narrative's comparisons (与上年相比增加 …, 决算数小于预算数) are checks of this family too
    union all by name
    select * from {{ ref('audit_identity_checks_narrative_statements') }}
)

-- the one projection of every row of the family into the check row
select
    document_id,
    check_name,
    table_name,
    row_key,
    measure,
    expected_wan,
    actual_wan,
    bound_wan::decimal(22, 8) as bound_wan,
    precision_unit,
    page_number,
    details,
    severity_hint::varchar as severity_hint,
    'narrative' as family,
    coalesce(is_failed, false) as is_failed,
    (actual_wan - expected_wan)::decimal(20, 6) as difference_wan
from checks
