-- 万元 per unit of a printed amount unit (tables in 元 are divided by 10,000 on reading).
{% macro wan_per_unit(unit) -%}
    case {{ unit }} when '元' then 0.0001 when '千元' then 0.1 when '亿元' then 10000 else 1 end
{%- endmacro %}
