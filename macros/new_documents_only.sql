{% macro new_documents_only(column='ingested_at') -%}
    {% if is_incremental() %}
        and {{ column }} > (select coalesce(max(ingested_at), '1900-01-01'::timestamptz) from {{ this }})
    {% endif %}
{%- endmacro %}
