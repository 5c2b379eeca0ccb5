{{ config(materialized='table') }}

-- One row per evaluated instance of a budget identity (docs/DOMAIN.md,
-- 'Identities'), per document and table instance: the printed figure (actual), what the identity
-- says it should be (expected) and the rounding bound of the figures it compares
-- (bound_wan: Σ half a unit of each one's last printed digit, macros/half_unit_of_last_digit.sql).
-- Each family lives in its own model, audit_identity_checks_<family>; the families are
-- dbt_project.yml's vars.identity_families. The row's columns and types are the model's
-- enforced contract (_audit.yml).
{% for family in var('identity_families') %}
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
