-- A project's key: its printed code, else its name within its 主管部门 (or the unit).
{% macro project_id(code, name, department, unit) -%}
    md5(coalesce({{ code }}, concat_ws('|', {{ name }}, coalesce({{ department }}, {{ unit }}))))
{%- endmacro %}
