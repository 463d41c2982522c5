{#- LEAD-01: every lead has a lead date and no suspect is counted as a lead. -#}
{% macro check_lead_01_leads_dated() -%}
select
    contact_id,
    coalesce(lead_at, mql_at, sql_at, opportunity_at, customer_at) as checked_at,
    'lead' as check_detail,
    'is_lead=' || cast(is_lead as {{ dbt.type_string() }})
    || ', is_suspect=' || cast(is_suspect as {{ dbt.type_string() }})
    || ', lead_at=' || coalesce(cast(lead_at as {{ dbt.type_string() }}), 'null')
        as observed,
    case when lead_at is null or is_suspect then 1 else 0 end as is_violation
from {{ ref('int_lead_lifecycles_derived') }}
where is_lead
{%- endmacro %}
