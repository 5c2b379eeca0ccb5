{#
  One view per mart in schema marts_zh, every column under its Chinese label and
  every coded value (决算 for final_accounts, 基本支出 for basic, the table's title
  for its name) in Chinese, for BI users who want 中文; the English marts stay the
  source of truth. Labels: seed ref_column_labels by column name, ref_column_labels_by_mart
  where one name means two things (operating_wan is 经营收入 in fct_income, 经营支出 in
  fct_expenditure); values: ref_value_labels, and the table titles of ref_check_names.
  The marts are the project's models published in schema marts that the warehouse holds.
  Run at the end of every dbt invocation.
#}
{% macro chinese_label_views() %}
    {% if execute %}
        {# a hook cannot ref(): dbt records no dependencies for it; node_relation resolves as ref() does #}
        {% set column_labels = node_relation('seed', 'ref_column_labels') %}
        {% set column_labels_by_mart = node_relation('seed', 'ref_column_labels_by_mart') %}
        {% set value_labels_seed = node_relation('seed', 'ref_value_labels') %}
        {% set check_names = node_relation('seed', 'ref_check_names') %}
        {% set labels = {} %}
        {% for row in seed_rows(column_labels, 'column_name, label_zh') %}
            {% do labels.update({row[0]: row[1]}) %}
        {% endfor %}
        {% set mart_labels = {} %}
        {% for row in seed_rows(column_labels_by_mart, 'table_name, column_name, label_zh') %}
            {% do mart_labels.update({row[0] ~ '.' ~ row[1]: row[2]}) %}
        {% endfor %}
        {% set value_labels = {} %}
        {% for row in seed_rows(value_labels_seed, 'column_name, value, label_zh') %}
            {% do value_labels.setdefault(row[0], {}).update({row[1]: row[2]}) %}
        {% endfor %}
        {% for row in seed_rows(check_names, 'key, name_zh', "kind = 'table'") %}
            {% do value_labels.setdefault('table_name', {}).update({row[0]: row[1]}) %}
        {% endfor %}
        {% set marts = [] %}
        {% for node in graph.nodes.values() | sort(attribute='alias') %}
            {% if node.resource_type == 'model' and node.schema == 'marts' %}
                {% set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) %}
                {% if relation is not none %}
                    {% do marts.append(relation) %}
                {% endif %}
            {% endif %}
        {% endfor %}
        {% set mart_names = marts | map(attribute='identifier') | list %}
        {% do run_query("create schema if not exists marts_zh") %}
        {# a mart that no longer exists leaves no view behind; identity_findings is the view
           validate makes over the findings (validation/identities.py), not a mart's #}
        {% set views = run_query("select view_name from duckdb_views() where schema_name = 'marts_zh'") %}
        {% for view in views %}
            {% if view[0] != 'identity_findings' and view[0] not in mart_names %}
                {% do run_query("drop view marts_zh." ~ view[0]) %}
            {% endif %}
        {% endfor %}
        {% for mart in marts %}
            {% set columns = run_query(
                "select column_name from information_schema.columns"
                ~ " where table_schema = '" ~ mart.schema ~ "' and table_name = '" ~ mart.identifier ~ "'"
                ~ " order by ordinal_position"
            ) %}
            {% set selected = [] %}
            {% for column in columns %}
                {% set label = mart_labels.get(mart.identifier ~ '.' ~ column[0], labels.get(column[0], column[0])) %}
                {% if column[0] in value_labels %}
                    {% set expression = value_label_case(column[0], value_labels[column[0]]) %}
                {% else %}
                    {% set expression = '"' ~ column[0] ~ '"' %}
                {% endif %}
                {% do selected.append(expression ~ ' as "' ~ label | replace('"', '""') ~ '"') %}
            {% endfor %}
            {% do run_query(
                "create or replace view marts_zh." ~ mart.identifier
                ~ " as select " ~ selected | join(", ") ~ " from " ~ mart
            ) %}
        {% endfor %}
    {% endif %}
{% endmacro %}
