{#-
    LEAD-01: no suspect is counted as a lead, and every lead with a dated stage has a
    lead date (a lead whose export dates none of its evidence is not a violation).
-#}
{% macro check_lead_01_leads_dated() -%}
select
    contact_id,
    coalesce(lead_at, mql_at, sql_at, opportunity_at, customer_at) as checked_at,
    'lead' as check_detail,
    'is_lead=' || cast(is_lead as {{ dbt.type_string() }})
    || ', is_suspect=' || cast(is_suspect as {{ dbt.type_string() }})
    || ', lead_at=' || coalesce(cast(lead_at as {{ dbt.type_string() }}), 'null')
        as observed,
    case
        when is_suspect then 1
        when
            lead_at is null
            and coalesce(mql_at, sql_at, opportunity_at, customer_at) is not null
            then 1
        else 0
    end as is_violation
from {{ ref('int_lead_lifecycles_derived') }}
where is_lead
{%- endmacro %}
