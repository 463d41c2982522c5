{#- SQL-04: every SQL was an MQL first, or came from a qualifying direct conversation. -#}
{% macro check_sql_04_sqls_were_mqls_first() -%}
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
where check_detail in ('mql first')
{%- endmacro %}
