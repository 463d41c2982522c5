{#-
    MQL-02: every lead the CRM marked MQL had reached the bar when it was marked
    (at crm_mql_at, or the warehouse's own MQL date is on or before it).
-#}
{% macro check_mql_02_crm_mqls_met_bar() -%}
{%- set moments -%}
select
    contact_id,
    crm_mql_at as checked_at,
    qualifies_as_mql_at
from {{ ref('int_lead_lifecycles_derived') }}
where crm_mql_at is not null
{%- endset -%}
select
    contact_id,
    checked_at,
    'crm mql' as check_detail,
    observed,
    case when is_bar_met then 0 else 1 end as is_violation
from ({{ lead_lifecycle.mql_bar_met_at(moments, 'moments.qualifies_as_mql_at <= moments.checked_at') }})
    as bar_checks
{%- endmacro %}
