-- Drops the tables and views of `schemas` (schemas only dbt writes) that no model of the project builds:
-- a model renamed or moved to another layer leaves no stale copy behind (on-run-end hook).
{% macro drop_orphan_relations(schemas) %}
    {% if execute %}
        {% set built = [] %}
        {% for node in graph.nodes.values() %}
            {% if node.resource_type in ('model', 'seed', 'snapshot') %}
                {% do built.append((node.schema ~ '.' ~ node.alias) | lower) %}
            {% endif %}
        {% endfor %}
        {% for schema in schemas %}
            {% set relations = run_query(
                "select table_name, table_type from information_schema.tables"
                ~ " where table_catalog = current_database() and table_schema = '" ~ schema ~ "'"
            ) %}
            {% for relation in relations %}
                {% if (schema ~ '.' ~ relation[0]) | lower not in built %}
                    {% do run_query(
                        "drop " ~ ('view' if relation[1] == 'VIEW' else 'table') ~ " if exists "
                        ~ schema ~ '."' ~ relation[0] ~ '"'
                    ) %}
                {% endif %}
            {% endfor %}
        {% endfor %}
    {% endif %}
{% endmacro %}
