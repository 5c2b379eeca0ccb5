-- audit.identity_findings is written by `juesuan validate` (validation/identities.py FINDINGS_DDL,
-- the table's definition), after dbt. Before the first validate it is created here, empty and with
-- only the columns mart_unit_year reads, so that the view can be built (on-run-start hook).
{% macro create_findings_placeholder() %}
    create schema if not exists {{ source('audit', 'identity_findings').schema }};
    create table if not exists {{ source('audit', 'identity_findings') }} (
        document_id varchar, check_name varchar, severity varchar, page_number integer
    )
{% endmacro %}
