{#- SQL-03: every SQL is owned by a sales rep. -#}
{% macro check_sql_03_sqls_owned_by_sales_rep() -%}
{{ lead_lifecycle.sql_definition_checked_rows(
    'sql_at',
    check_detail_condition="check_detail in ('sales owner')"
) }}
{%- endmacro %}
