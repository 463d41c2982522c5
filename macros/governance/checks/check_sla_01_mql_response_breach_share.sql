{#-
    SLA-01: one row per MQL whose first-sales-touch clock has run (every policy of
    the sla_policy seed from stage mql to event first_sales_touch), is_violation 1
    when the first touch came later than any of those policies allows. MQLs still
    waiting within their target (is_pending) are not counted yet. The test compares
    the share of violations with var('mql_sla_breach_share_limit').
-#}
{% macro check_sla_01_mql_response_breach_share() -%}
select
    lead_id as contact_id,
    min(started_at) as checked_at,
    'first sales touch' as check_detail,
    'breached: '
    || coalesce(
        {{ dbt.listagg(
            "case when is_breached then sla_id end", "', '", "order by sla_id"
        ) }},
        'none'
    ) as observed,
    max(case when is_breached then 1 else 0 end) as is_violation
from {{ ref('fct_lead_response_sla') }}
where
    from_stage = 'mql'
    and to_event = 'first_sales_touch'
group by lead_id
having max(case when is_pending then 1 else 0 end) = 0
{%- endmacro %}
