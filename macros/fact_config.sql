-- Facts are incremental by document: a build reads only documents ingested
-- since the last build (delete+insert on document_id replaces re-extracted
-- ones) and drops rows of documents no longer in raw (replaced files).
{% macro fact_config() -%}
    {{ config(
        materialized='incremental',
        unique_key='document_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        post_hook="delete from {{ this }} where document_id not in "
            ~ "(select document_id from {{ source('raw', 'documents') }})"
    ) }}
{%- endmacro %}
