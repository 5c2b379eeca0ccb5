-- A unit is matched across its reports (决算 and 预算, tables and narrative PDFs) by its
-- name as printed, normalised: no spaces, no leading 中共 (中共江苏省委办公厅 and
-- 江苏省委办公厅 are one office), no trailing （本级）/（部门）; and by region.
{% macro normalised_unit_name(column) -%}
    regexp_replace(
        regexp_replace(regexp_replace({{ column }}, '\s+', '', 'g'), '^中共', ''),
        '[（(](本级|部门|单位|机关)[）)]$', ''
    )
{%- endmacro %}

{% macro unit_id(name_column, region_column) -%}
    md5(concat_ws('|', {{ normalised_unit_name(name_column) }}, {{ region_column }}))
{%- endmacro %}

-- One report of a unit and year: the PDFs of a report published in parts (Jiangsu 预算
-- tables and 情况说明 apart) share it. A PDF whose cover gave no unit or year is a report
-- of its own (never joined to another on what it does not say).
{% macro report_id(document_id, kind, scope, year, name_column, region_column) -%}
    case
        when {{ name_column }} is null or {{ year }} is null then {{ document_id }}
        else md5(concat_ws('|', {{ kind }}, {{ scope }}, {{ year }}, {{ unit_id(name_column, region_column) }}))
    end
{%- endmacro %}
