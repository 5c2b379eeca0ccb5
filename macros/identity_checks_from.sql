-- The standard columns every identity-check family model ends with (numeric checks). bound_wan:
-- Σ half units of the figures compared (macros/half_unit_of_last_digit.sql), the most honest rounding can miss by.
{% macro identity_checks_from(relations) -%}
    select
        document_id,
        family,
        check_name,
        table_name,
        row_key,
        measure,
        page_number,
        details,
        expected_wan::decimal(20, 6) as expected_wan,
        actual_wan::decimal(20, 6) as actual_wan,
        (actual_wan - expected_wan)::decimal(20, 6) as difference_wan,
        bound_wan::decimal(22, 8) as bound_wan,
        0::decimal(20, 6) as precision_unit,
        false as is_failed,
        null::varchar as severity_hint
    from (
        select * from {{ relations | join(' union all select * from ') }}
    ) as checks
    where expected_wan is not null and actual_wan is not null
{%- endmacro %}
