{#-
    STAGE-01: stage dates never go backwards. Every pair of funnel dates a lead has
    (lead, MQL, SQL, opportunity, customer; stages may be skipped) is checked, one
    row per lead and pair, so a steward sees which step is out of order.
-#}
{% macro check_stage_01_dates_in_order() -%}
    {%- set stages = ['lead_at', 'mql_at', 'sql_at', 'opportunity_at', 'customer_at'] -%}
    {%- set pairs = [] -%}
    {%- for earlier in stages -%}
        {%- for later in stages[loop.index:] -%}
            {%- do pairs.append((earlier, later)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for earlier, later in pairs %}
select
    contact_id,
    {{ later }} as checked_at,
    '{{ earlier }} <= {{ later }}' as check_detail,
    cast({{ earlier }} as {{ dbt.type_string() }}) || ' / '
    || cast({{ later }} as {{ dbt.type_string() }}) as observed,
    case when {{ earlier }} > {{ later }} then 1 else 0 end as is_violation
from {{ ref('int_lead_lifecycles_derived') }}
where {{ earlier }} is not null and {{ later }} is not null
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}
