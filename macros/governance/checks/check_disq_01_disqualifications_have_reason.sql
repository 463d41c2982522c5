{#- DISQ-01: every disqualified lead has a disqualification reason. -#}
{% macro check_disq_01_disqualifications_have_reason() -%}
select
    contact_id,
    disqualified_at as checked_at,
    'disqualified without reason' as check_detail,
    'disqualification_reason=' || coalesce(disqualification_reason, 'null') as observed,
    case
        when disqualification_reason is null or trim(disqualification_reason) = '' then 1
        else 0
    end as is_violation
from {{ ref('int_lead_lifecycles_derived') }}
where disqualified_at is not null
{%- endmacro %}
