{% macro unit_id(name_column, region_column) -%}
    md5(concat_ws('|', {{ normalised_unit_name(name_column) }}, {{ region_column }}))
{%- endmacro %}
