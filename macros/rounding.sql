-- The exact bound of honest rounding (docs/DOMAIN.md, 'Rounding bound'): every printed
-- figure is off its true value by at most half a unit of its last printed digit, so an identity
-- may miss by at most the sum of those half units over the figures it involves. A blank cell is
-- an exact zero and adds nothing.

-- Half a unit of the last digit of the last number printed in `text`, in that number's own unit
-- ("1,069.86" -> 0.005, "5,086万元" -> 0.5, "183.6万元" -> 0.05). Built as a decimal literal, so exact.
{% macro half_unit_of_last_digit(text) -%}
    (
        '0.' || repeat('0', length(coalesce(regexp_extract(
            regexp_replace({{ text }}, '\s', '', 'g'), '[0-9０-９](?:[.．]([0-9０-９]+))?[^0-9０-９]*$', 1
        ), ''))) || '5'
    )::decimal(22, 10)
{%- endmacro %}

-- 万元 per unit of a printed amount unit (tables in 元 are divided by 10,000 on reading).
{% macro wan_per_unit(unit) -%}
    case {{ unit }} when '元' then 0.0001 when '千元' then 0.1 when '亿元' then 10000 else 1 end
{%- endmacro %}

-- A figure of a table in `unit`: its half unit in 万元; 0 for a blank cell.
{% macro printed_half_unit_wan(value_text, unit, is_blank) -%}
    case
        when {{ is_blank }} or not regexp_matches(coalesce({{ value_text }}, ''), '[0-9０-９]') then 0
        else {{ half_unit_of_last_digit(value_text) }} * {{ wan_per_unit(unit) }}
    end::decimal(22, 10)
{%- endmacro %}

-- A figure the text states with its unit ("10,883.36万元", "1.2亿元", "45,000元"), in 万元.
{% macro stated_half_unit_wan(stated_text) -%}
    {{ printed_half_unit_wan(
        stated_text,
        "case when " ~ stated_text ~ " like '%亿元%' then '亿元' when " ~ stated_text
        ~ " like '%万元%' then '万元' when " ~ stated_text ~ " like '%元%' then '元' end",
        'false'
    ) }}
{%- endmacro %}

-- A performance sheet's points (权重, 得分) are awarded, not rounded amounts: a whole number of
-- points is exact; one with decimals (8.33, a share computed and rounded) is off by at most half a
-- unit of its last decimal. The sheet tables keep the value only, so its decimals are the value's own.
{% macro points_half_unit(column) -%}
    coalesce(case
        when {{ amount_text(column) }} like '%.%' then {{ half_unit_of_last_digit(amount_text(column)) }}
        else 0
    end, 0)::decimal(22, 10)
{%- endmacro %}
