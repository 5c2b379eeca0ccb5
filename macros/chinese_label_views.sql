{#
  One view per mart in schema marts_zh, every column under its Chinese label
  (seed ref_column_labels), for BI users who want 中文 names; the English
  marts stay the source of truth. Run at the end of every dbt invocation.
#}
{% macro chinese_label_views() %}
    {% if execute %}
        {% set labels = {} %}
        {# a run that did not load the seed leaves the English names #}
        {% set seeded = run_query(
            "select count(*) from information_schema.tables"
            ~ " where table_schema = 'reference' and table_name = 'ref_column_labels'"
        ) %}
        {% if seeded[0][0] > 0 %}
            {% set label_rows = run_query(
                "select column_name, label_zh from reference.ref_column_labels"
            ) %}
            {% for row in label_rows %}
                {% do labels.update({row[0]: row[1]}) %}
            {% endfor %}
        {% endif %}
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
                {% do selected.append(
                    '"' ~ column[0] ~ '" as "'
                    ~ labels.get(column[0], column[0]) | replace('"', '""') ~ '"'
                ) %}
            {% endfor %}
            {% do run_query(
                "create or replace view marts_zh." ~ mart[0]
                ~ " as select " ~ selected | join(", ") ~ " from marts." ~ mart[0]
            ) %}
        {% endfor %}
    {% endif %}
{% endmacro %}
