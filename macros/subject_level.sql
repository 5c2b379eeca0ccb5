-- Level and parent of a classification code from its length (3/5/7 digits).
{% macro subject_level(code) -%}
    case length({{ code }}) when 3 then 'class' when 5 then 'section' when 7 then 'item' end
{%- endmacro %}
