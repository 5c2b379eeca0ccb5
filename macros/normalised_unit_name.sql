-- A unit is matched across its reports (决算 and 预算, tables and narrative PDFs) by its
-- name as printed, normalised: no spaces, no leading 中共 (中共江苏省委办公厅 and
-- 江苏省委办公厅 are one office), no trailing （本级）/（部门）; and by region.
{% macro normalised_unit_name(column) -%}
    regexp_replace(
        regexp_replace(regexp_replace({{ column }}, '\s+', '', 'g'), '^中共', ''),
        '[（(](本级|部门|单位|机关)[）)]$', ''
    )
{%- endmacro %}
