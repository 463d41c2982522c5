{#-
    One row (contact_id, checked_at, first_direct_conversation_at) per moment in
    `moments` (columns contact_id, checked_at) at or before which the contact had
    a qualifying direct conversation (is_direct_conversation and
    is_qualified_conversation in `signals`, int_lead_signals_unioned): the rule
    shared by the MQL bar (mql_bar_met_at) and the SQL's "mql first" criterion
    (sql_definition_met_at). `moments` and `signals` name the caller's CTEs.
-#}
{% macro direct_conversations_by_moment(moments='moments', signals='signals') -%}
select
    {{ moments }}.contact_id,
    {{ moments }}.checked_at,
    min({{ signals }}.occurred_at) as first_direct_conversation_at
from {{ moments }}
inner join {{ signals }}
    on
        {{ moments }}.contact_id = {{ signals }}.contact_id
        and {{ signals }}.occurred_at <= {{ moments }}.checked_at
where {{ signals }}.is_direct_conversation and {{ signals }}.is_qualified_conversation
group by 1, 2
{%- endmacro %}
