{% macro parent_code(code) -%}
    case when length({{ code }}) > 3 then left({{ code }}, length({{ code }}) - 2) end
{%- endmacro %}
