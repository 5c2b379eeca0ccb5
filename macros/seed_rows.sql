-- The rows of a seed (`seed_relation`, a ref() of it: its `columns`, filtered by `where`); a run
-- that did not load the seed gets no rows (the label views keep English names and values).
{% macro seed_rows(seed_relation, columns, where='true') %}
    {% if adapter.get_relation(
            database=seed_relation.database, schema=seed_relation.schema, identifier=seed_relation.identifier
        ) is none %}
        {{ return([]) }}
    {% endif %}
    {{ return(run_query("select " ~ columns ~ " from " ~ seed_relation ~ " where " ~ where)) }}
{% endmacro %}
