{#- SQL-05: every SQL recorded in the CRM (crm_sql_at) meets the whole SQL definition. -#}
{% macro check_sql_05_crm_sqls_meet_definition() -%}
{%- set moments -%}
select
    contact_id,
    crm_sql_at as checked_at,
    mql_at,
    owner_id
from {{ ref('int_lead_lifecycles_derived') }}
where crm_sql_at is not null
{%- endset -%}
select
    contact_id,
    checked_at,
    check_detail,
    observed,
    is_violation
from ({{ lead_lifecycle.sql_definition_met_at(moments) }}) as sql_checks
{%- endmacro %}
