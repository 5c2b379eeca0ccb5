-- A figure of a table in `unit`: its half unit in 万元; 0 for a blank cell.
{% macro printed_half_unit_wan(value_text, unit, is_blank) -%}
    case
        when {{ is_blank }} or not regexp_matches(coalesce({{ value_text }}, ''), '[0-9０-９]') then 0
        else {{ half_unit_of_last_digit(value_text) }} * {{ wan_per_unit(unit) }}
    end::decimal(22, 10)
{%- endmacro %}
