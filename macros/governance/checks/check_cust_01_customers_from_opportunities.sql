{#- CUST-01: every customer came through an opportunity (a deal) first. -#}
{% macro check_cust_01_customers_from_opportunities() -%}
select
    contact_id,
    customer_at as checked_at,
    'customer without opportunity' as check_detail,
    'opportunity_at=' || coalesce(cast(opportunity_at as {{ dbt.type_string() }}), 'null')
        as observed,
    case when opportunity_at is null then 1 else 0 end as is_violation
from {{ ref('int_lead_lifecycles_derived') }}
where customer_at is not null
{%- endmacro %}
