{#-
    Recycling (doc def_recycled): one row per disqualified lead, with the first moment
    after its disqualification that qualified it again, null while it has none: a new
    signal that brings its score back over the MQL bar from under it (a score that
    never fell is not a new qualification), a qualifying direct conversation, or the
    CRM setting it back into the funnel.
-#}

with

leads as (
    select * from {{ ref('int_leads_identified') }}
    where disqualified_at is not null
),

scores as (
    select * from {{ ref('int_lead_scores_accumulated') }}
),

signals as (
    select * from {{ ref('int_lead_signals_unioned') }}
),

score_requalifications as (
    select
        leads.contact_id,
        min(scores.valid_from) as requalified_at
    from leads
    inner join scores
        on leads.contact_id = scores.contact_id
    where
        scores.valid_from > leads.disqualified_at
        and scores.new_signals > 0
        and scores.crossed_mql_bar
    group by 1
),

conversation_requalifications as (
    select
        leads.contact_id,
        min(signals.occurred_at) as requalified_at
    from leads
    inner join signals
        on leads.contact_id = signals.contact_id
    where
        signals.occurred_at > leads.disqualified_at
        and signals.is_qualified_conversation
    group by 1
),

final as (
    select
        leads.contact_id,
        leads.disqualified_at,
        {{ earliest_timestamp([
            'score_requalifications.requalified_at',
            'conversation_requalifications.requalified_at',
            'leads.crm_requalified_at',
        ]) }} as recycled_at
    from leads
    left join score_requalifications
        on leads.contact_id = score_requalifications.contact_id
    left join conversation_requalifications
        on leads.contact_id = conversation_requalifications.contact_id
)

select * from final
