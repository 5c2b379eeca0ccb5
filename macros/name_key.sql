-- A printed subject name as two names are compared: no leading ordinal (一、 （一） 1. 1、, as
-- rowkeys._LEADING_ENUM strips them) or 其中：, no space, brackets full-width.
{% macro name_key(column) -%}
    regexp_replace(
        replace(replace({{ column }}, '(', '（'), ')', '）'),
        '^(其中[:：]?)?([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[、.．])?|\s', '', 'g'
    )
{%- endmacro %}
