{#- SQL-01: every SQL was accepted by sales after a logged conversation. -#}
{% macro check_sql_01_sqls_accepted_after_conversation() -%}
{{ lead_lifecycle.sql_definition_checked_rows(
    'sql_at',
    check_detail_condition="check_detail in ('sales acceptance', 'logged conversation')"
) }}
{%- endmacro %}
