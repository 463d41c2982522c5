{#-
    OPP-01: every opportunity belongs to a lead that became an SQL in at least one
    view (the official sql_at or the CRM's crm_sql_at): no deal skips the SQL stage.
-#}
{% macro check_opp_01_opportunities_from_sqls() -%}
select
    contact_id,
    opportunity_at as checked_at,
    'opportunity without any sql' as check_detail,
    'sql_at=' || coalesce(cast(sql_at as {{ dbt.type_string() }}), 'null')
    || ', crm_sql_at=' || coalesce(cast(crm_sql_at as {{ dbt.type_string() }}), 'null')
        as observed,
    case when sql_at is null and crm_sql_at is null then 1 else 0 end as is_violation
from {{ ref('int_lead_lifecycles_derived') }}
where opportunity_at is not null
{%- endmacro %}
