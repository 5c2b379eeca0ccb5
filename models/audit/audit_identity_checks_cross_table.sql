{{ config(materialized='table') }}

-- One printed figure against the same figure in another table (one term each side).
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

-- 5. cross-table: one printed figure against another (one term each side)
class_figures as (
    select
        document_id,
        table_name,
        measure,
        subject_code,
        amount_wan,
        half_unit_wan,
        page_number
    from coded
    where code_length = 3
),

cross_pairs as (
    select * from (
        values
        ('income_expenditure_summary', 'amount', 'expenditure', 'total', 'summary_class_equals_expenditure_table'),
        (
            'fiscal_appropriation_summary', 'general_budget', 'general_budget_expenditure', 'total',
            'fiscal_general_budget_equals_general_budget_table'
        ),
        (
            'fiscal_appropriation_summary', 'government_fund', 'government_fund', 'total',
            'fiscal_government_fund_equals_fund_table'
        )
    ) as pairs (left_table, left_measure, right_table, right_measure, check_suffix)  -- noqa: AL05
),

cross_checks as (
    select
        right_side.document_id,
        right_side.table_name,
        'cross_table' as family,
        'cross_table.' || cross_pairs.check_suffix as check_name,
        right_side.subject_code as row_key,
        right_side.measure,
        left_side.amount_wan as expected_wan,
        right_side.amount_wan as actual_wan,
        left_side.half_unit_wan + right_side.half_unit_wan as bound_wan,
        right_side.page_number,
        cross_pairs.left_table || ' (page ' || left_side.page_number || ') vs ' || cross_pairs.right_table
            as details
    from cross_pairs
    inner join class_figures as left_side
        on cross_pairs.left_table = left_side.table_name and cross_pairs.left_measure = left_side.measure
    inner join class_figures as right_side
        on
            cross_pairs.right_table = right_side.table_name
            and cross_pairs.right_measure = right_side.measure
            and left_side.document_id = right_side.document_id
            and left_side.subject_code = right_side.subject_code
),

fiscal_income as (
    select
        document_id,
        table_name,
        sum(amount_wan) filter (where line_item in (
            'general_budget_income', 'government_fund_income', 'state_capital_income'
        )) as fiscal_lines,
        sum(half_unit_wan) filter (where line_item in (
            'general_budget_income', 'government_fund_income', 'state_capital_income'
        )) as fiscal_lines_bound,
        any_value(amount_wan) filter (where line_item = 'total_income') as total_income,
        any_value(half_unit_wan) filter (where line_item = 'total_income') as total_income_half,
        any_value(page_number) filter (where line_item = 'total_income') as page_number,
        sum(amount_wan) filter (where line_item in (
            'superior_subsidy_income', 'business_income', 'operating_income', 'subsidiary_remit_income',
            'other_income', 'non_appropriation_balance_used', 'opening_balance'
        )) as non_fiscal,
        sum(amount_wan) filter (where line_item in ('government_fund_income', 'state_capital_income'))
            as other_fund_income,
        sum(amount_wan) filter (where line_item in (
            'superior_subsidy_income', 'business_income', 'operating_income', 'subsidiary_remit_income',
            'other_income', 'non_appropriation_balance_used'
        )) as non_fiscal_income,
        coalesce(any_value(amount_wan) filter (where line_item = 'opening_balance'), 0) as opening
    from lines
    where table_name in ('income_expenditure_summary', 'fiscal_appropriation_summary') and measure = 'amount'
    group by all
),

fiscal_income_checks as (
    select
        fiscal.document_id,
        fiscal.table_name,
        'cross_table' as family,
        'cross_table.fiscal_income_equals_summary_fiscal_lines' as check_name,
        'total_income' as row_key,
        'amount' as measure,
        summary.fiscal_lines as expected_wan,
        fiscal.total_income as actual_wan,
        summary.fiscal_lines_bound + fiscal.total_income_half as bound_wan,
        fiscal.page_number,
        '财政拨款总表 本年收入合计 = 收支总表 财政拨款收入 lines (page ' || summary.page_number || ')' as details
    from fiscal_income as fiscal
    inner join fiscal_income as summary
        on fiscal.document_id = summary.document_id and summary.table_name = 'income_expenditure_summary'
    where fiscal.table_name = 'fiscal_appropriation_summary' and summary.fiscal_lines is not null
),

-- a unit funded only by this year's 财政拨款 (no other income, no carried-over
-- balance spent): 支出决算表 基本支出 = Σ basic of the appropriation tables
appropriation_basic as (
    select
        document_id,
        sum(amount_wan) as basic_total,
        sum(half_unit_wan) as basic_bound,
        min(page_number) as page_number
    from lines
    where
        table_name in (
            'general_budget_expenditure', 'government_fund', 'state_capital_expenditure',
            'state_capital_income_expenditure'
        )
        and line_item = 'grand_total' and measure = 'basic'
    group by document_id
    -- only when the 一般公共预算 table is printed: without it the sum says nothing
    having count(*) filter (where table_name = 'general_budget_expenditure') > 0
),

expenditure_basic_checks as (
    select
        expenditure.document_id,
        'expenditure' as table_name,
        'cross_table' as family,
        'cross_table.expenditure_basic_equals_appropriation_basic' as check_name,
        'grand_total' as row_key,
        'basic' as measure,
        appropriation_basic.basic_total as expected_wan,
        expenditure.amount_wan as actual_wan,
        appropriation_basic.basic_bound + expenditure.half_unit_wan as bound_wan,
        expenditure.page_number,
        '支出决算表 基本支出合计 = 财政拨款支出表 基本支出 (page ' || appropriation_basic.page_number || ')' as details
    from lines as expenditure
    inner join appropriation_basic on expenditure.document_id = appropriation_basic.document_id
    inner join fiscal_income as summary
        on expenditure.document_id = summary.document_id and summary.table_name = 'income_expenditure_summary'
    where
        expenditure.table_name = 'expenditure' and expenditure.line_item = 'grand_total'
        and expenditure.measure = 'basic' and coalesce(summary.non_fiscal, 0) = 0
),

-- a unit funded only by this year's 一般公共预算 (no other fund, no other income, no
-- carried-over balance): every coded row of the 支出决算表 equals the same row of the
-- 一般公共预算 table, and every 类 line of the 收支总表 the same line of the 财政拨款总表
general_budget_only as (
    select document_id from fiscal_income
    where
        table_name = 'income_expenditure_summary'
        and coalesce(non_fiscal, 0) = 0 and coalesce(other_fund_income, 0) = 0
),

row_pairs as (
    select
        expenditure.document_id,
        'expenditure' as table_name,
        'cross_table' as family,
        'cross_table.expenditure_row_equals_general_budget_row' as check_name,
        expenditure.subject_code as row_key,
        expenditure.measure,
        general_budget.amount_wan as expected_wan,
        expenditure.amount_wan as actual_wan,
        general_budget.half_unit_wan + expenditure.half_unit_wan as bound_wan,
        expenditure.page_number,
        '支出决算表 = 一般公共预算财政拨款支出决算表 (page ' || general_budget.page_number || ')' as details
    from coded as expenditure
    inner join general_budget_only on expenditure.document_id = general_budget_only.document_id
    inner join coded as general_budget
        on
            expenditure.document_id = general_budget.document_id
            and expenditure.subject_code = general_budget.subject_code
            and expenditure.measure = general_budget.measure
            and general_budget.table_name = 'general_budget_expenditure'
    where expenditure.table_name = 'expenditure' and expenditure.measure in ('total', 'basic', 'project')
),

class_line_pairs as (
    select
        summary.document_id,
        'income_expenditure_summary' as table_name,
        'cross_table' as family,
        'cross_table.summary_class_equals_fiscal_summary_class' as check_name,
        summary.subject_code as row_key,
        'amount' as measure,
        fiscal.amount_wan as expected_wan,
        summary.amount_wan as actual_wan,
        fiscal.half_unit_wan + summary.half_unit_wan as bound_wan,
        summary.page_number,
        '收支总表 = 财政拨款收支总表 合计 (page ' || fiscal.page_number || ')' as details
    from class_figures as summary
    -- all income is 财政拨款 and any carried-over balance is the 财政拨款 one
    inner join fiscal_income as funded
        on
            summary.document_id = funded.document_id
            and funded.table_name = 'income_expenditure_summary'
            and coalesce(funded.non_fiscal_income, 0) = 0
    inner join fiscal_income as fiscal_funded
        on
            summary.document_id = fiscal_funded.document_id
            and fiscal_funded.table_name = 'fiscal_appropriation_summary'
            and funded.opening = fiscal_funded.opening
    inner join class_figures as fiscal
        on
            summary.document_id = fiscal.document_id
            and summary.subject_code = fiscal.subject_code
            and fiscal.table_name = 'fiscal_appropriation_summary'
            and fiscal.measure = 'total'
    where summary.table_name = 'income_expenditure_summary' and summary.measure = 'amount'
)

,

-- the same code named differently in two tables of one report (2210201 住房租金支出 in one
-- table, 住房公积金 in the next). Ordinals, spaces and bracket widths don't count, nor a name
-- cut short by a narrow cell (one a prefix of the other).
printed_names as (
    select
        document_id,
        table_seq,
        subject_code,
        any_value(table_name) as table_name,
        min(page_number) as page_number,
        {{ name_key('min(row_label)') }} as printed_name
    from coded
    where row_label is not null and row_label != ''
    group by document_id, table_seq, subject_code
),

-- the name most of the report's tables print; on a tie the reference classification's, then the first table's
name_votes as (
    select
        printed_names.document_id,
        printed_names.subject_code,
        printed_names.printed_name,
        count(*) as n_tables,
        min(printed_names.table_seq) as first_seq,
        bool_or(reference.name_zh is not null) as is_reference
    from printed_names
    left join {{ ref('ref_function_subjects') }} as reference
        on
            printed_names.subject_code = reference.subject_code
            and {{ name_key('reference.name_zh') }} = printed_names.printed_name
    group by all
),

agreed_names as (
    select
        name_votes.document_id,
        name_votes.subject_code,
        name_votes.printed_name,
        first_table.table_name,
        first_table.page_number,
        sum(name_votes.n_tables) over (
            partition by name_votes.document_id, name_votes.subject_code
        ) as tables_printing_code,
        row_number() over (
            partition by name_votes.document_id, name_votes.subject_code
            order by name_votes.n_tables desc, name_votes.is_reference desc, name_votes.first_seq asc
        ) as preference
    from name_votes
    inner join printed_names as first_table
        on
            name_votes.document_id = first_table.document_id
            and name_votes.subject_code = first_table.subject_code
            and name_votes.first_seq = first_table.table_seq
),

name_checks as (
    select
        printed_names.document_id,
        'cross_table' as family,
        'cross_table.subject_name_consistent' as check_name,
        printed_names.table_name,
        printed_names.subject_code as row_key,
        'name' as measure,
        null::decimal(20, 6) as expected_wan,
        null::decimal(20, 6) as actual_wan,
        null::decimal(20, 6) as difference_wan,
        0::decimal(22, 8) as bound_wan,
        0::decimal(20, 6) as precision_unit,
        printed_names.page_number,
        'named "' || printed_names.printed_name || '" here, "' || agreed.printed_name || '" in '
        || agreed.table_name || ' (page ' || agreed.page_number || ')' as details,
        (
            not starts_with(printed_names.printed_name, agreed.printed_name)
            and not starts_with(agreed.printed_name, printed_names.printed_name)
        ) as is_failed,
        'warning' as severity_hint
    from printed_names
    inner join agreed_names as agreed
        on
            printed_names.document_id = agreed.document_id
            and printed_names.subject_code = agreed.subject_code
            and agreed.preference = 1
    where agreed.tables_printing_code > 1
),

-- a 决算's 年初预算 (its 三公 table's 预算数, its 情况说明's stated budgets) against the budget
-- report (部门预算) of the same unit, year and scope, when the warehouse holds it
budget_vs_actual as (
    select * from {{ ref('fct_budget_vs_actual') }}
),

initial_budget_checks as (
    select
        stated_initial_document_id as document_id,
        table_name,
        'cross_table' as family,
        'cross_table.initial_budget_equals_budget_report' as check_name,
        row_key,
        'budget' as measure,
        approved_wan as expected_wan,
        stated_initial_budget_wan as actual_wan,
        approved_half_unit_wan + stated_initial_half_unit_wan as bound_wan,
        stated_initial_page_number as page_number,
        '决算 prints 年初预算 ' || {{ amount_text('stated_initial_budget_wan') }} || '万元; the budget report '
        || '(document ' || left(approved_document_id, 12) || ', page ' || approved_page_number || ') approved '
        || {{ amount_text('approved_wan') }} || '万元' as details
    from budget_vs_actual
    where stated_initial_budget_wan is not null and approved_wan is not null
),

stated_budgets as (
    select
        figures.document_id,
        figures.topic,
        figures.stated_wan,
        figures.stated_text,
        figures.page_number,
        documents.unit_id,
        documents.fiscal_year,
        documents.scope,
        case figures.topic
            when 'three_public_budget' then 'three_public'
            when 'general_budget_budget' then 'general_budget_expenditure'
        end as table_name,
        case figures.topic when 'three_public_budget' then 'total' else 'grand_total' end as row_key,
        case figures.topic when 'three_public_budget' then 'amount' else 'total' end as measure
    from {{ ref('fct_narrative_figure') }} as figures
    inner join {{ ref('dim_document') }} as documents on figures.document_id = documents.document_id
    where figures.topic in ('three_public_budget', 'general_budget_budget') and documents.report_kind = 'final_accounts'
),

stated_budget_checks as (
    select
        stated.document_id,
        stated.table_name,
        'cross_table' as family,
        'cross_table.stated_initial_budget_equals_budget_report' as check_name,
        stated.topic as row_key,
        'budget' as measure,
        approved.approved_wan as expected_wan,
        stated.stated_wan as actual_wan,
        {{ stated_half_unit_wan('stated.stated_text') }} + approved.approved_half_unit_wan as bound_wan,
        stated.page_number,
        '情况说明 states 年初预算 ' || stated.stated_text || '; the budget report (document '
        || left(approved.approved_document_id, 12) || ', page ' || approved.approved_page_number || ') approved '
        || {{ amount_text('approved.approved_wan') }} || '万元' as details
    from stated_budgets as stated
    inner join budget_vs_actual as approved
        on
            stated.unit_id = approved.unit_id
            and stated.fiscal_year = approved.fiscal_year
            and stated.scope = approved.scope
            and stated.table_name = approved.table_name
            and stated.row_key = approved.row_key
            and stated.measure = approved.measure
    where approved.approved_wan is not null
),

-- a unit matched across reports that print its name differently (中共江苏省委办公厅 / 江苏省委办公厅):
-- the match is made (macros/unit_id.sql) and said, once per document printing another form
unit_name_checks as (
    select
        documents.document_id,
        'cross_table' as family,
        'cross_table.unit_matched_across_name_forms' as check_name,
        null as table_name,
        'unit_name' as row_key,
        'name' as measure,
        1 as page_number,
        'the cover names "' || documents.unit_name || '"; the unit''s reports print '
        || array_to_string(units.printed_names, ' / ') || ', matched as one unit' as details,
        'warning' as severity_hint
    from {{ ref('dim_document') }} as documents
    inner join {{ ref('dim_unit') }} as units on documents.unit_id = units.unit_id
    where units.name_varies and documents.unit_name != units.unit_name
)

{{ identity_checks_from(['cross_checks', 'fiscal_income_checks', 'expenditure_basic_checks', 'row_pairs',
                         'class_line_pairs', 'initial_budget_checks', 'stated_budget_checks']) }}

union all by name

select * from name_checks

union all by name

-- decided: the unit matched across name forms, and (g) a code printed with the name of another code
{{ decided_checks_from(['unit_name_checks', ref('audit_code_named_as_another')]) }}
