-- The relation the project's `resource_type` node `name` (a seed, a model) builds, resolved from the
-- project graph as ref() resolves it; for the hooks, where ref() is not available. Execution time only.
{% macro node_relation(resource_type, name) %}
    {% for node in graph.nodes.values() %}
        {% if node.resource_type == resource_type and node.name == name %}
            {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
        {% endif %}
    {% endfor %}
    {{ exceptions.raise_compiler_error("no " ~ resource_type ~ " named " ~ name ~ " in the project") }}
{% endmacro %}
