{#-
    A data type name as written in the project's yml (model contracts, seed
    column_types) in the spelling the current engine accepts. The yml uses DuckDB's
    names; PostgreSQL has no `double` (double precision) and Spark 4 no length-less
    `varchar` (string). Used by the contract and seed overrides in this folder, so
    the yml is written once for every engine.
-#}
{% macro engine_data_type(data_type) -%}
    {{ return(adapter.dispatch('engine_data_type', 'lead_lifecycle')(data_type)) }}
{%- endmacro %}

{% macro default__engine_data_type(data_type) -%}
    {{ return(data_type) }}
{%- endmacro %}

{% macro postgres__engine_data_type(data_type) -%}
    {%- set renamed = {'double': 'double precision'} -%}
    {{ return(renamed.get((data_type or '') | trim | lower, data_type)) }}
{%- endmacro %}

{% macro spark__engine_data_type(data_type) -%}
    {%- set renamed = {'varchar': 'string', 'text': 'string'} -%}
    {{ return(renamed.get((data_type or '') | trim | lower, data_type)) }}
{%- endmacro %}

{#- The columns of a model's yml with their data types renamed for the engine. -#}
{% macro engine_columns(columns) -%}
    {%- set renamed = {} -%}
    {%- for name, column in columns.items() -%}
        {%- set copy = dict(column) -%}
        {%- if copy.get('data_type') -%}
            {%- do copy.update({'data_type': lead_lifecycle.engine_data_type(copy['data_type'])}) -%}
        {%- endif -%}
        {%- do renamed.update({name: copy}) -%}
    {%- endfor -%}
    {{ return(renamed) }}
{%- endmacro %}
