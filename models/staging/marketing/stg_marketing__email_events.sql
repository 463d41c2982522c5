with

latest_versions as (
    {{ lead_lifecycle.latest_versions('marketing', 'email_events', [
        'created desc',
    ]) }}
),

final as (
    select
        id as email_event_id,
        lower(type) as event_type,
        lower(recipient) as email,
        contact_id,
        created as occurred_at,
        email_campaign_id,
        campaign_name,
        url as clicked_url,
        upper(bounce_category) as bounce_category
    from latest_versions
)

select * from final
