-- audit.identity_findings is written by `juesuan validate` (validation/identities.py FINDINGS_DDL,
-- the table's definition), after dbt. Before the first validate it is created here, empty and with
-- only the columns the marts read, so that marts.mart_unit_year (a view over it) can be built.
{% macro create_findings_placeholder() %}
    create schema if not exists audit;
    create table if not exists audit.identity_findings (
        document_id varchar, check_name varchar, severity varchar, page_number integer
    )
{% endmacro %}
