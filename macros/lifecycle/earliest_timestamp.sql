{#-
    The earliest of several timestamp expressions, ignoring nulls; null only when all
    are null. Engines disagree on whether least() ignores nulls (PostgreSQL and Spark
    do, Snowflake and BigQuery return null), so the default implementation replaces
    nulls with a far-future sentinel first and turns the sentinel back into null.
-#}
{% macro earliest_timestamp(expressions) -%}
    {{ return(adapter.dispatch('earliest_timestamp', 'lead_lifecycle')(expressions)) }}
{%- endmacro %}

{% macro default__earliest_timestamp(expressions) -%}
    {%- set sentinel = "cast('9999-12-31 00:00:00' as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- set parts = [] -%}
    {%- for expression in expressions -%}
        {%- do parts.append("coalesce(" ~ expression ~ ", " ~ sentinel ~ ")") -%}
    {%- endfor -%}
    nullif(least({{ parts | join(', ') }}), {{ sentinel }})
{%- endmacro %}
