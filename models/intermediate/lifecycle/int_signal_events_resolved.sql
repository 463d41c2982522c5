{#-
    Every behavioural event of a known contact, from every source that scores (web
    page views, forms, e-mail events, marketing engagements), on the surviving contact
    of its merge chain, before scoring (int_lead_signals_unioned). A row links to its
    contact by the CRM contact id when the export carries one (forms, e-mail events
    and marketing engagements may), otherwise by e-mail, matched after lower(trim()).
    Events without a time or a known contact are left out.
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

events_with_email as (
    select * from form_events
    union all
    select * from email_signal_events
    union all
    select * from marketing_engagement_events
),

events_on_contacts as (
    -- page views carry no e-mail: only their stitched contact is moved to its survivor
    -- (joining tens of millions of views on a null e-mail is what a full build paid)
    select
        web_events.*,
        coalesce(
            contacts_merged.surviving_contact_id, web_events.contact_id
        ) as resolved_contact_id
    from web_events
    left join contacts_merged
        on web_events.contact_id = contacts_merged.contact_id
    union all
    select
        events_with_email.*,
        -- the contact id when it names a known contact, else the e-mail's owner
        coalesce(
            contacts_merged.surviving_contact_id,
            email_owners.surviving_contact_id,
            events_with_email.contact_id
        ) as resolved_contact_id
    from events_with_email
    left join contacts_merged
        on events_with_email.contact_id = contacts_merged.contact_id
    left join email_owners
        on events_with_email.email = email_owners.email
),

final as (
    select
        {{ generate_surrogate_key(['signal_source', 'source_record_id']) }} as signal_event_id,
        signal_source,
        source_event_type,
        source_record_id,
        resolved_contact_id as contact_id,
        occurred_at,
        is_flagged_qualified,
        duration_seconds,
        has_phone
    from events_on_contacts
    where occurred_at is not null and resolved_contact_id is not null
)

select * from final
