-- Decided checks (a presence, a name, a printed text, a slip) failed as printed: they have no rounding
-- bound. The union by name of the relations with the three columns that say so; whatever figures the
-- relations carry (expected_wan, actual_wan) pass through.
{% macro decided_rows(relations) -%}
    select
        *,
        0::decimal(22, 8) as bound_wan,
        0::decimal(20, 6) as precision_unit,
        true as is_failed
    from (
        select * from {{ relations | join(' union all by name select * from ') }}
    ) as decided
{%- endmacro %}
