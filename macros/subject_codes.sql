-- Level and parent of a classification code from its length (3/5/7 digits).
{% macro subject_level(code) -%}
    case length({{ code }}) when 3 then 'class' when 5 then 'section' when 7 then 'item' end
{%- endmacro %}

{% macro parent_code(code) -%}
    case when length({{ code }}) > 3 then left({{ code }}, length({{ code }}) - 2) end
{%- endmacro %}
