-- A performance sheet's points (权重, 得分) are awarded, not rounded amounts: a whole number of
-- points is exact; one with decimals (8.33, a share computed and rounded) is off by at most half a
-- unit of its last decimal. The sheet tables keep the value only, so its decimals are the value's own.
{% macro points_half_unit(column) -%}
    coalesce(case
        when {{ amount_text(column) }} like '%.%' then {{ half_unit_of_last_digit(amount_text(column)) }}
        else 0
    end, 0)::decimal(22, 10)
{%- endmacro %}
