{#- Elapsed time from start_at to end_at in (fractional) days; null when either is null. -#}
{% macro days_between(start_at, end_at) -%}
    cast({{ dbt.datediff(start_at, end_at, 'second') }} as {{ type_double() }}) / 86400.0
{%- endmacro %}
