{#- MQL-01: every MQL the warehouse derives had reached the bar at qualifies_as_mql_at. -#}
{% macro check_mql_01_definition_mqls_met_bar() -%}
{%- set moments -%}
select
    contact_id,
    qualifies_as_mql_at as checked_at,
    mql_qualification_path
from {{ ref('int_mql_qualifications_evaluated') }}
where qualifies_as_mql_at is not null
{%- endset -%}
select
    contact_id,
    checked_at,
    'path ' || coalesce(mql_qualification_path, 'unknown') as check_detail,
    observed,
    case when is_bar_met then 0 else 1 end as is_violation
from ({{ lead_lifecycle.mql_bar_met_at(moments) }}) as bar_checks
{%- endmacro %}
