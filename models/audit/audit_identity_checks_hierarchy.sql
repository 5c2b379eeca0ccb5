{{ config(materialized='table') }}

-- Every coded table: parent code = Σ printed children; 合计 = Σ top-level codes.
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

-- 2. hierarchy: each parent code = Σ its printed children, per table and measure
children as (
    select
        document_id,
        table_seq,
        table_name,
        measure,
        left(subject_code, code_length - 2) as parent_code,
        sum(amount_wan) as children_sum,
        sum(half_unit_wan) as children_bound,
        string_agg(subject_code, '+' order by subject_code) as child_codes,
        -- children split over pages: the finding names every page a figure of the sum is on
        array_to_string(list_sort(list_distinct(list(page_number))), ', ') as child_pages
    from coded
    where code_length in (5, 7)
    group by all
),

hierarchy_checks as (
    select
        parent.document_id,
        parent.table_name,
        case
            when parent.table_name = 'general_budget_basic_expenditure' then 'basic_expenditure'
            else 'hierarchy'
        end as family,
        parent.table_name || '.parent_equals_children' as check_name,
        parent.subject_code as row_key,
        parent.measure,
        children.children_sum as expected_wan,
        parent.amount_wan as actual_wan,
        children.children_bound + parent.half_unit_wan as bound_wan,
        parent.page_number,
        parent.subject_code || ' = ' || children.child_codes
        || case
            when children.child_pages != parent.page_number::varchar
                then ' (children on page ' || children.child_pages || ')'
            else ''
        end as details
    from coded as parent
    inner join children
        on
            parent.document_id = children.document_id
            and parent.table_seq = children.table_seq
            and parent.measure = children.measure
            and parent.subject_code = children.parent_code
    where parent.table_name not in ('income_expenditure_summary', 'fiscal_appropriation_summary')
),

-- 合计 = Σ of the top-level codes the table prints (类, or 项 where only 项 are printed)
top_level as (
    select
        document_id,
        table_seq,
        table_name,
        measure,
        min(code_length) as top_length
    from coded
    where
        table_name not in (
            'income_expenditure_summary', 'fiscal_appropriation_summary', 'general_budget_basic_expenditure'
        )
    group by all
),

grand_total_checks as (
    select
        total.document_id,
        total.table_name,
        'hierarchy' as family,
        total.table_name || '.grand_total_equals_top_codes' as check_name,
        'grand_total' as row_key,
        total.measure,
        sum(code.amount_wan) as expected_wan,
        any_value(total.amount_wan) as actual_wan,
        sum(code.half_unit_wan) + any_value(total.half_unit_wan) as bound_wan,
        any_value(total.page_number) as page_number,
        '合计 = Σ ' || string_agg(code.subject_code, '+' order by code.subject_code)
        || case
            when count(distinct code.page_number) > 1 or any_value(code.page_number) != any_value(total.page_number)
                then
                    ' (codes on page '
                    || array_to_string(list_sort(list_distinct(list(code.page_number))), ', ') || ')'
            else ''
        end as details
    from lines as total
    inner join top_level
        on
            total.document_id = top_level.document_id
            and total.table_seq = top_level.table_seq
            and total.measure = top_level.measure
    inner join coded as code
        on
            total.document_id = code.document_id
            and total.table_seq = code.table_seq
            and total.measure = code.measure
            and top_level.top_length = code.code_length
    where total.line_item = 'grand_total'
    group by total.document_id, total.table_seq, total.table_name, total.measure
)

{{ identity_checks_from(['hierarchy_checks', 'grand_total_checks']) }}
