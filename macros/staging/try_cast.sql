{#-
    Cast that gives null instead of an error when the value does not convert.
    DuckDB and Spark have try_cast; PostgreSQL calls a small function per type that
    returns null on failure (macros/engines/safe_cast_functions.sql); other engines
    use dbt.safe_cast (safe_cast where the engine has one). The parse macros check
    the text's shape with a regular expression first, so the safe cast only meets
    values such as an impossible calendar date.
-#}
{% macro try_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast', 'lead_lifecycle')(expression, data_type)) }}
{%- endmacro %}

{% macro default__try_cast(expression, data_type) -%}
    {{ dbt.safe_cast(expression, data_type) }}
{%- endmacro %}

{% macro duckdb__try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{#- a function that returns null on failure (macros/engines/safe_cast_functions.sql) -#}
{% macro postgres__try_cast(expression, data_type) -%}
    {{ lead_lifecycle.safe_cast_function_name(data_type) }}(cast({{ expression }} as text))
{%- endmacro %}

{% macro spark__try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
