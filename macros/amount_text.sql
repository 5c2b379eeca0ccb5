-- An exact amount as text without trailing zeros (117.880000 -> 117.88).
{% macro amount_text(column) -%}
    regexp_replace(regexp_replace({{ column }}::varchar, '(\.\d*?)0+$', '\1'), '\.$', '')
{%- endmacro %}
