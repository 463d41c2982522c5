{#- MQL-03: every lead that reached the MQL bar was handed to sales (CRM MQL or SQL). -#}
{% macro check_mql_03_mqls_passed_to_sales() -%}
select
    contact_id,
    qualifies_as_mql_at as checked_at,
    'met bar, not handed to sales' as check_detail,
    'crm_mql_at=' || coalesce(cast(crm_mql_at as {{ dbt.type_string() }}), 'null')
    || ', crm_sql_at=' || coalesce(cast(crm_sql_at as {{ dbt.type_string() }}), 'null')
        as observed,
    case when crm_mql_at is null and crm_sql_at is null then 1 else 0 end as is_violation
from {{ ref('int_lead_lifecycles_derived') }}
where
    qualifies_as_mql_at is not null
    and not is_deleted
{%- endmacro %}
