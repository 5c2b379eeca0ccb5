-- A figure the text states with its unit ("10,883.36万元", "1.2亿元", "45,000元"), in 万元.
{% macro stated_half_unit_wan(stated_text) -%}
    {{ printed_half_unit_wan(
        stated_text,
        "case when " ~ stated_text ~ " like '%亿元%' then '亿元' when " ~ stated_text
        ~ " like '%万元%' then '万元' when " ~ stated_text ~ " like '%元%' then '元' end",
        'false'
    ) }}
{%- endmacro %}
