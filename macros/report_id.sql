-- One report of a unit and year: the PDFs of a report published in parts (Jiangsu 预算
-- tables and 情况说明 apart) share it. A PDF whose cover gave no unit or year is a report
-- of its own (never joined to another on what it does not say).
{% macro report_id(document_id, kind, scope, year, name_column, region_column) -%}
    case
        when {{ name_column }} is null or {{ year }} is null then {{ document_id }}
        else md5(concat_ws('|', {{ kind }}, {{ scope }}, {{ year }}, {{ unit_id(name_column, region_column) }}))
    end
{%- endmacro %}
