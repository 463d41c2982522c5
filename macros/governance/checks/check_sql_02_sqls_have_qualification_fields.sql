{#- SQL-02: every SQL had each required qualification field filled at sql_at. -#}
{% macro check_sql_02_sqls_have_qualification_fields() -%}
{{ lead_lifecycle.sql_definition_checked_rows(
    'sql_at',
    check_detail_condition="check_detail like 'field:%'"
) }}
{%- endmacro %}
