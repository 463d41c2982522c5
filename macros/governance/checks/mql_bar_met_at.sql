{#-
    Rows (contact_id, checked_at, observed, is_bar_met) telling whether each
    contact in `moments_sql` (columns contact_id, checked_at) had reached the MQL
    bar at its moment: a lead score of at least var('mql_score_threshold') with at
    least var('mql_min_distinct_actions') distinct actions in the score version
    valid at that instant, or a qualifying direct conversation on or before it.
    `also_met_if` is an extra SQL condition over the moment's columns that counts
    as meeting the bar (the CRM check accepts a definition MQL reached earlier).
-#}
{% macro mql_bar_met_at(moments_sql, also_met_if='1 = 0') -%}
with

moments as (
    {{ moments_sql }}
),

scores as (
    select * from {{ ref('int_lead_scores_accumulated') }}
),

signals as (
    select * from {{ ref('int_lead_signals_unioned') }}
),

scores_at_moment as (
    select
        moments.contact_id,
        moments.checked_at,
        max(scores.lead_score) as lead_score,
        max(scores.distinct_action_count) as distinct_action_count
    from moments
    inner join scores
        on
            moments.contact_id = scores.contact_id
            and scores.valid_from <= moments.checked_at
            and (scores.valid_to is null or scores.valid_to > moments.checked_at)
    group by 1, 2
),

conversations_by_moment as (
    {{ lead_lifecycle.direct_conversations_by_moment('moments', 'signals') }}
),

final as (
    select
        moments.*,
        'score=' || coalesce(cast(scores_at_moment.lead_score as {{ dbt.type_string() }}), 'none')
        || ', actions='
        || coalesce(
            cast(scores_at_moment.distinct_action_count as {{ dbt.type_string() }}), 'none'
        )
        || ', direct_conversation='
        || case when conversations_by_moment.first_direct_conversation_at is null then 'no' else 'yes' end
            as observed,
        coalesce(
            (
                scores_at_moment.lead_score >= {{ var('mql_score_threshold') }}
                and scores_at_moment.distinct_action_count
                >= {{ var('mql_min_distinct_actions') }}
            )
            or conversations_by_moment.first_direct_conversation_at is not null
            or ({{ also_met_if }}),
            false
        ) as is_bar_met
    from moments
    left join scores_at_moment
        on
            moments.contact_id = scores_at_moment.contact_id
            and moments.checked_at = scores_at_moment.checked_at
    left join conversations_by_moment
        on
            moments.contact_id = conversations_by_moment.contact_id
            and moments.checked_at = conversations_by_moment.checked_at
)

select * from final
{%- endmacro %}
