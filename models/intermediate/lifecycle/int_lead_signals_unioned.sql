{#-
    Every behavioural signal of a known contact, with its points from the
    lead_scoring_points seed (doc def_behavior_score). Sources are mapped to signal
    types through the seed's (signal_source, source_event_type) pair, so adding or
    re-pointing a signal is a seed edit. The events, already on their surviving
    contact, come from int_signal_events_resolved. The seed's max_per_day caps
    how many signals of one type a contact scores per day.
-#}

with

events as (
    select * from {{ ref('int_signal_events_resolved') }}
),

lead_scoring_points as (
    select * from {{ ref('lead_scoring_points') }}
),

qualifying_conversations as (
    select * from {{ ref('qualifying_conversations') }}
),

-- an event type the seed does not know scores as its source's 'other' row, if any
events_on_contacts as (
    select
        events.signal_source,
        coalesce(
            lower(known_event_types.source_event_type), 'other'
        ) as scored_event_type,
        events.source_record_id,
        events.occurred_at,
        events.is_flagged_qualified,
        events.duration_seconds,
        events.has_phone,
        events.contact_id
    from events
    left join lead_scoring_points as known_event_types
        on
            events.signal_source = known_event_types.signal_source
            and lower(events.source_event_type)
            = lower(known_event_types.source_event_type)
),

scored_events as (
    select
        events_on_contacts.*,
        lead_scoring_points.signal_type,
        lead_scoring_points.points,
        lead_scoring_points.counts_as_action,
        lead_scoring_points.is_direct_conversation,
        lead_scoring_points.creates_lead,
        lead_scoring_points.max_per_day,
        coalesce(
            qualifying_conversations.signal_type is not null
            and (
                not qualifying_conversations.requires_qualified_flag
                or events_on_contacts.is_flagged_qualified
            )
            and coalesce(events_on_contacts.duration_seconds, 0)
            >= coalesce(qualifying_conversations.min_duration_seconds, 0),
            false
        ) as is_qualified_conversation,
        row_number() over (
            partition by
                events_on_contacts.contact_id,
                lead_scoring_points.signal_type,
                {{ dbt.date_trunc('day', 'events_on_contacts.occurred_at') }}
            order by events_on_contacts.occurred_at, events_on_contacts.source_record_id
        ) as signal_rank_in_day
    from events_on_contacts
    inner join lead_scoring_points
        on
            events_on_contacts.signal_source = lead_scoring_points.signal_source
            and events_on_contacts.scored_event_type = lower(lead_scoring_points.source_event_type)
    left join qualifying_conversations
        on lead_scoring_points.signal_type = qualifying_conversations.signal_type
),

final as (
    select
        {{ generate_surrogate_key(['signal_source', 'source_record_id', 'signal_type']) }}
            as signal_id,
        contact_id,
        signal_type,
        signal_source,
        source_record_id,
        occurred_at,
        points,
        counts_as_action,
        is_direct_conversation,
        is_qualified_conversation,
        creates_lead,
        has_phone
    from scored_events
    where max_per_day is null or signal_rank_in_day <= max_per_day
)

select * from final
