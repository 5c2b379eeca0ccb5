{#
  One view per mart in schema marts_zh, every column under its Chinese label and
  every coded value (决算 for final_accounts, 基本支出 for basic, the table's title
  for its name) in Chinese, for BI users who want 中文; the English marts stay the
  source of truth. Labels: seed ref_column_labels by column name, ref_column_labels_by_mart
  where one name means two things (operating_wan is 经营收入 in fct_income, 经营支出 in
  fct_expenditure); values: ref_value_labels, and the table titles of ref_check_names.
  Run at the end of every dbt invocation.
#}
{% macro _seed_rows(seed, sql) %}
    {# a run that did not load the seed gets no rows (English names and values stay) #}
    {% set seeded = run_query(
        "select count(*) from information_schema.tables"
        ~ " where table_schema = 'reference' and table_name = '" ~ seed ~ "'"
    ) %}
    {% if seeded[0][0] > 0 %}
        {{ return(run_query(sql)) }}
    {% endif %}
    {{ return([]) }}
{% endmacro %}

{% macro _value_case(column, values) %}
    {%- set whens = [] -%}
    {%- for value, label in values.items() -%}
        {%- do whens.append("when '" ~ value | replace("'", "''") ~ "' then '" ~ label | replace("'", "''") ~ "'") -%}
    {%- endfor -%}
    {{ return('case "' ~ column ~ '" ' ~ whens | join(' ') ~ ' else "' ~ column ~ '" end') }}
{% endmacro %}

{% macro chinese_label_views() %}
    {% if execute %}
        {% set labels = {} %}
        {% for row in _seed_rows('ref_column_labels', "select column_name, label_zh from reference.ref_column_labels") %}
            {% do labels.update({row[0]: row[1]}) %}
        {% endfor %}
        {% set mart_labels = {} %}
        {% for row in _seed_rows('ref_column_labels_by_mart',
                "select table_name, column_name, label_zh from reference.ref_column_labels_by_mart") %}
            {% do mart_labels.update({row[0] ~ '.' ~ row[1]: row[2]}) %}
        {% endfor %}
        {% set value_labels = {} %}
        {% for row in _seed_rows('ref_value_labels', "select column_name, value, label_zh from reference.ref_value_labels") %}
            {% do value_labels.setdefault(row[0], {}).update({row[1]: row[2]}) %}
        {% endfor %}
        {% for row in _seed_rows('ref_check_names',
                "select key, name_zh from reference.ref_check_names where kind = 'table'") %}
            {% do value_labels.setdefault('table_name', {}).update({row[0]: row[1]}) %}
        {% endfor %}
        {% set marts = run_query(
            "select table_name from information_schema.tables"
            ~ " where table_schema = 'marts' and table_type in ('BASE TABLE', 'VIEW')"
            ~ " order by table_name"
        ) %}
        {% do run_query("create schema if not exists marts_zh") %}
        {# a mart that no longer exists leaves no view behind; identity_findings is the view
           validate makes over audit.identity_findings (validation/identities.py), not a mart's #}
        {% set stale = run_query(
            "select view_name from duckdb_views() where schema_name = 'marts_zh'"
            ~ " and view_name != 'identity_findings'"
            ~ " and view_name not in (select table_name from information_schema.tables"
            ~ " where table_schema = 'marts' and table_type in ('BASE TABLE', 'VIEW'))"
        ) %}
        {% for view in stale %}
            {% do run_query("drop view marts_zh." ~ view[0]) %}
        {% endfor %}
        {% for mart in marts %}
            {% set columns = run_query(
                "select column_name from information_schema.columns"
                ~ " where table_schema = 'marts' and table_name = '" ~ mart[0] ~ "'"
                ~ " order by ordinal_position"
            ) %}
            {% set selected = [] %}
            {% for column in columns %}
                {% set label = mart_labels.get(mart[0] ~ '.' ~ column[0], labels.get(column[0], column[0])) %}
                {% if column[0] in value_labels %}
                    {% set expression = _value_case(column[0], value_labels[column[0]]) %}
                {% else %}
                    {% set expression = '"' ~ column[0] ~ '"' %}
                {% endif %}
                {% do selected.append(expression ~ ' as "' ~ label | replace('"', '""') ~ '"') %}
            {% endfor %}
            {% do run_query(
                "create or replace view marts_zh." ~ mart[0]
                ~ " as select " ~ selected | join(", ") ~ " from marts." ~ mart[0]
            ) %}
        {% endfor %}
    {% endif %}
{% endmacro %}
