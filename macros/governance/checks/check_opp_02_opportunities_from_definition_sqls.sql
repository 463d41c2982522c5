{#-
    OPP-02: every opportunity belongs to a lead that met the written SQL definition
    (official sql_at) on or before the deal was opened.
-#}
{% macro check_opp_02_opportunities_from_definition_sqls() -%}
select
    contact_id,
    opportunity_at as checked_at,
    'opportunity before a definition sql' as check_detail,
    'sql_at=' || coalesce(cast(sql_at as {{ dbt.type_string() }}), 'null')
    || ', crm_sql_at=' || coalesce(cast(crm_sql_at as {{ dbt.type_string() }}), 'null')
        as observed,
    case when sql_at is null or sql_at > opportunity_at then 1 else 0 end as is_violation
from {{ ref('int_lead_lifecycles_derived') }}
where opportunity_at is not null
{%- endmacro %}
