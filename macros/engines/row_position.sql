{#-
    The column that names a row's position in a table the engine stores (DuckDB's
    rowid), for a query that sorts positions instead of whole rows and then reads the
    rows it keeps by position (latest_versions); none where the engine has no stable
    one for the length of a query (PostgreSQL's ctid is not worth a join, Spark has
    none), and the caller ranks whole rows.
-#}
{% macro row_position() -%}
    {{ return(adapter.dispatch('row_position', 'lead_lifecycle')()) }}
{%- endmacro %}

{% macro default__row_position() -%}
    {{ return(none) }}
{%- endmacro %}

{% macro duckdb__row_position() -%}
    {{ return('rowid') }}
{%- endmacro %}
