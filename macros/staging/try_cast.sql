{#-
    Cast that gives null instead of an error when the value does not convert.
    dbt-duckdb does not override dbt.safe_cast (a plain cast there), so DuckDB uses
    try_cast; other engines use dbt.safe_cast (try_cast / safe_cast where the engine
    has one). The parse macros check the text's shape with a regular expression
    first, so a plain cast only meets values such as an impossible calendar date.
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
