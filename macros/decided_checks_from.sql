-- The standard columns every decided check ends with (a presence, a name, a printed text): it failed
-- as printed, so it has no figures and no rounding bound.
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
        0::decimal(22, 8) as bound_wan,
        0::decimal(20, 6) as precision_unit,
        page_number,
        details,
        true as is_failed,
        severity_hint
    from (
        select * from {{ relations | join(' union all select * from ') }}
    ) as checks
{%- endmacro %}
