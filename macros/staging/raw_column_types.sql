{#-
    The column names and database types of a raw relation, as a dict
    {lower-case column name: upper-case type}. Used to read typed raw files (Parquet
    timestamps, booleans, integers) natively instead of through text.
    Raises when the relation cannot be read.
-#}
{% macro raw_column_types(relation) -%}
    {{ return(adapter.dispatch('raw_column_types', 'lead_lifecycle')(relation)) }}
{%- endmacro %}

{% macro default__raw_column_types(relation) -%}
    {%- set types = {} -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do types.update({column.name | lower: column.dtype | upper}) -%}
    {%- endfor -%}
    {{ return(types) }}
{%- endmacro %}

{% macro duckdb__raw_column_types(relation) -%}
    {%- set types = {} -%}
    {%- set described = run_query("describe select * from " ~ relation) -%}
    {%- for row in described.rows -%}
        {%- do types.update({row[0] | lower: row[1] | upper}) -%}
    {%- endfor -%}
    {{ return(types) }}
{%- endmacro %}
