{{ lead_lifecycle.assert_raw_columns('marketing', 'email_events') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('marketing', 'email_events') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

versions_ranked as (
    select
        *,
        row_number() over (
            partition by id
            order by created desc
        ) as version_rank
    from usable_rows
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
    from versions_ranked
    where version_rank = 1
)

select * from final
