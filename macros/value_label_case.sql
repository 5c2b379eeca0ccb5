-- A SQL case expression putting each coded value of `column` under its label (`values`: value ->
-- label); a value without a label stays as it is.
{% macro value_label_case(column, values) %}
    {%- set whens = [] -%}
    {%- for value, label in values.items() -%}
        {%- do whens.append("when '" ~ value | replace("'", "''") ~ "' then '" ~ label | replace("'", "''") ~ "'") -%}
    {%- endfor -%}
    {{ return('case "' ~ column ~ '" ' ~ whens | join(' ') ~ ' else "' ~ column ~ '" end') }}
{% endmacro %}
