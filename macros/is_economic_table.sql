-- The tables keyed by 部门预算支出经济分类 codes (the 决算's basic expenditure table; a budget
-- report's 财政拨款基本支出 and 机关运行经费 tables); every other coded table is keyed by 功能分类.
{% macro is_economic_table(table_name) -%}
    {{ table_name }} in (
        'general_budget_basic_expenditure', 'fiscal_appropriation_basic_expenditure', 'operating_cost'
    )
{%- endmacro %}
