-- The check row of decided checks without figures (a presence, a name, a printed text): no expected or
-- actual amount; bound, precision and is_failed as decided_rows gives them.
{% macro decided_checks_from(relations) -%}
    select
        document_id,
        family,
        check_name,
        table_name,
        row_key,
        measure,
        null::decimal(20, 6) as expected_wan,
        null::decimal(20, 6) as actual_wan,
        null::decimal(20, 6) as difference_wan,
        bound_wan,
        precision_unit,
        page_number,
        details,
        is_failed,
        severity_hint
    from ({{ decided_rows(relations) }}) as checks
{%- endmacro %}
