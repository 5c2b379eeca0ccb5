-- The columns of a table's row that add up to its total column (收入合计 = Σ sources, 支出合计 =
-- 基本 + 项目 + …): the row identities check them, and the additive export sums them. Budget
-- reports add 单位预留机动经费 and 结转下年资金 to the 支出 total and split basic expenditure
-- into 人员经费 | 公用经费.
{% macro is_part_measure(table_name, measure) -%}
    case {{ table_name }}
        when 'income'
            then
                {{ measure }} in (
                    'fiscal_appropriation', 'superior_subsidy', 'business', 'operating', 'subsidiary_remit', 'other'
                )
        when 'expenditure'
            then
                {{ measure }} in (
                    'basic', 'project', 'remit_to_superior', 'operating', 'subsidiary_grant', 'reserve', 'carry_forward'
                )
        when 'fiscal_appropriation_summary' then {{ measure }} in ('general_budget', 'government_fund', 'state_capital')
        when 'general_budget_basic_expenditure' then {{ measure }} in ('personnel', 'public')
        when 'income_expenditure_summary' then {{ measure }} in ('personnel', 'public', 'project')
        else {{ measure }} in ('basic', 'project')
    end
{%- endmacro %}
