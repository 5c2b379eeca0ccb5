{{ config(materialized='table') }}

-- One row per evaluated instance of a budget identity (DOMAIN.md), per
-- document and table instance: the printed figure (actual), what the identity
-- says it should be (expected) and the rounding bound of the figures it compares
-- (bound_wan: Σ half a unit of each one's last printed digit, macros/half_unit_of_last_digit.sql).
-- Each family lives in its own model; a new family is a new
-- audit_identity_checks_<family> model added to this list.
{% set families = [
    'summary', 'hierarchy', 'row', 'basic_expenditure', 'cross_table', 'narrative', 'narrative_statements',
    'completeness', 'performance', 'extraction'
] %}

{% for family in families %}
    select
        document_id,
        family,
        check_name,
        table_name,
        row_key,
        measure,
        expected_wan,
        actual_wan,
        difference_wan,
        bound_wan,
        precision_unit,
        page_number,
        details,
        is_failed,
        severity_hint
    from {{ ref('audit_identity_checks_' ~ family) }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
