{#- SQL-05: every SQL recorded in the CRM (crm_sql_at) meets the whole SQL definition. -#}
{% macro check_sql_05_crm_sqls_meet_definition() -%}
{{ lead_lifecycle.sql_definition_checked_rows('crm_sql_at') }}
{%- endmacro %}
