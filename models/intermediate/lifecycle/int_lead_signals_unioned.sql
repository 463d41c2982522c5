{#-
    Every behavioural signal of a known contact, with its points from the
    lead_scoring_points seed (doc def_behavior_score). Sources are mapped to signal
    types through the seed's (signal_source, source_event_type) pair, so adding or
    re-pointing a signal is a seed edit. Signals land on the surviving contact of a
    merge chain. A row links to its contact by the CRM contact id when the export
    carries one (forms, e-mail events and marketing engagements may), otherwise by
    e-mail, matched after lower(trim()). The seed's max_per_day caps
    how many signals of one type a contact scores per day.
-#}

with

email_owners as (
    select * from {{ ref('int_contact_emails_resolved') }}
),

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

page_views as (
    select * from {{ ref('int_page_views_stitched') }}
),

form_submissions as (
    select * from {{ ref('stg_marketing__form_submissions') }}
),

email_events as (
    select * from {{ ref('stg_marketing__email_events') }}
),

marketing_engagements as (
    select * from {{ ref('stg_marketing__engagements') }}
),

lead_scoring_points as (
    select * from {{ ref('lead_scoring_points') }}
),

qualifying_conversations as (
    select * from {{ ref('qualifying_conversations') }}
),

web_events as (
    select
        'web' as signal_source,
        case
            when page_views.is_pricing_page then 'pricing'
            else page_views.journey_stage
        end as source_event_type,
        cast(page_views.page_view_id as {{ dbt.type_string() }}) as source_record_id,
        cast(null as {{ dbt.type_string() }}) as email,
        page_views.contact_id,
        page_views.viewed_at as occurred_at,
        cast(null as {{ dbt.type_boolean() }}) as is_flagged_qualified,
        cast(null as {{ dbt.type_int() }}) as duration_seconds,
        false as has_phone
    from page_views
    where page_views.contact_id is not null
),

form_events as (
    select
        'form' as signal_source,
        form_type as source_event_type,
        cast(form_submission_id as {{ dbt.type_string() }}) as source_record_id,
        lower(trim(email)) as email,
        cast(contact_id as {{ dbt.type_bigint() }}) as contact_id,
        submitted_at as occurred_at,
        cast(null as {{ dbt.type_boolean() }}) as is_flagged_qualified,
        cast(null as {{ dbt.type_int() }}) as duration_seconds,
        coalesce(trim(phone) <> '', false) as has_phone
    from form_submissions
),

email_signal_events as (
    select
        'email' as signal_source,
        event_type as source_event_type,
        cast(email_event_id as {{ dbt.type_string() }}) as source_record_id,
        lower(trim(email)) as email,
        cast(contact_id as {{ dbt.type_bigint() }}) as contact_id,
        occurred_at,
        cast(null as {{ dbt.type_boolean() }}) as is_flagged_qualified,
        cast(null as {{ dbt.type_int() }}) as duration_seconds,
        false as has_phone
    from email_events
),

marketing_engagement_events as (
    select
        'marketing_engagement' as signal_source,
        engagement_type as source_event_type,
        cast(marketing_engagement_id as {{ dbt.type_string() }}) as source_record_id,
        lower(trim(email)) as email,
        cast(contact_id as {{ dbt.type_bigint() }}) as contact_id,
        occurred_at,
        is_qualified_conversation as is_flagged_qualified,
        duration_seconds,
        coalesce(trim(phone) <> '', false) as has_phone
    from marketing_engagements
),

source_events as (
    select * from web_events
    union all
    select * from form_events
    union all
    select * from email_signal_events
    union all
    select * from marketing_engagement_events
),

-- an event type the seed does not know scores as its source's 'other' row, if any
events_typed as (
    select
        source_events.*,
        coalesce(
            lower(known_event_types.source_event_type), 'other'
        ) as scored_event_type
    from source_events
    left join lead_scoring_points as known_event_types
        on
            source_events.signal_source = known_event_types.signal_source
            and lower(source_events.source_event_type)
            = lower(known_event_types.source_event_type)
),

events_on_contacts as (
    select
        source_events.signal_source,
        source_events.scored_event_type,
        source_events.source_record_id,
        source_events.occurred_at,
        source_events.is_flagged_qualified,
        source_events.duration_seconds,
        source_events.has_phone,
        -- the contact id when it names a known contact, else the e-mail's owner
        coalesce(
            contacts_merged.surviving_contact_id,
            email_owners.surviving_contact_id,
            source_events.contact_id
        ) as contact_id
    from events_typed as source_events
    left join contacts_merged
        on source_events.contact_id = contacts_merged.contact_id
    left join email_owners
        on source_events.email = email_owners.email
    where source_events.occurred_at is not null
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
    where events_on_contacts.contact_id is not null
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
