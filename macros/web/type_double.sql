{#-
    A 64-bit floating-point type. dbt.type_float() is a 32-bit `float` on DuckDB,
    too coarse for attribution credits that must sum to 1 within 1e-9.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'lead_lifecycle')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
