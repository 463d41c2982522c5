{#- SQL-02: every SQL had each required qualification field filled at sql_at. -#}
{% macro check_sql_02_sqls_have_qualification_fields() -%}
{%- set moments -%}
select
    contact_id,
    sql_at as checked_at,
    mql_at,
    owner_id
from {{ ref('int_lead_lifecycles_derived') }}
where sql_at is not null
{%- endset -%}
select
    contact_id,
    checked_at,
    check_detail,
    observed,
    is_violation
from ({{ lead_lifecycle.sql_definition_met_at(moments) }}) as sql_checks
where check_detail like 'field:%'
{%- endmacro %}
