{#- SQL-04: every SQL was an MQL first, or came from a qualifying direct conversation. -#}
{% macro check_sql_04_sqls_were_mqls_first() -%}
{{ lead_lifecycle.sql_definition_checked_rows(
    'sql_at',
    check_detail_condition="check_detail in ('mql first')"
) }}
{%- endmacro %}
