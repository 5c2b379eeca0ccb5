-- Two printed names of one code that may be the same name: equal, one cut short (a prefix of the
-- other), or one an abbreviation of the other (its characters in order in the other). Both are name_key'd.
{% macro names_compatible(left, right) -%}
    (
        starts_with({{ left }}, {{ right }}) or starts_with({{ right }}, {{ left }})
        or regexp_full_match({{ right }}, '.*' || array_to_string(
            list_transform(string_split({{ left }}, ''), lambda c: regexp_escape(c)), '.*'
        ) || '.*')
        or regexp_full_match({{ left }}, '.*' || array_to_string(
            list_transform(string_split({{ right }}, ''), lambda c: regexp_escape(c)), '.*'
        ) || '.*')
    )
{%- endmacro %}
