{#-
    ISO day of the week of a date or timestamp expression: 1 = Monday ... 7 = Sunday.
    Used by dim_dates and the business-hours clock (var business_days holds ISO days).
-#}
{% macro iso_day_of_week(date_expression) -%}
    {{ return(adapter.dispatch('iso_day_of_week', 'lead_lifecycle')(date_expression)) }}
{%- endmacro %}

{% macro default__iso_day_of_week(date_expression) -%}
    cast(extract(isodow from {{ date_expression }}) as {{ dbt.type_int() }})
{%- endmacro %}

{% macro spark__iso_day_of_week(date_expression) -%}
    {#- Spark's dayofweek: 1 = Sunday ... 7 = Saturday -#}
    cast(((dayofweek({{ date_expression }}) + 5) % 7) + 1 as {{ dbt.type_int() }})
{%- endmacro %}
