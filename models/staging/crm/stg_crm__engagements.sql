with

latest_versions as (
    {{ lead_lifecycle.latest_versions('crm', 'engagements', [
        'hs_createdate desc nulls last',
        'hs_timestamp desc',
    ]) }}
),

final as (
    select
        hs_object_id as engagement_id,
        lower(hs_engagement_type) as engagement_type,
        hs_timestamp as occurred_at,
        hs_createdate as logged_at,
        hubspot_owner_id as owner_id,
        contact_id,
        company_id,
        lower(hs_outcome) as outcome,
        lower(hs_direction) as direction,
        hs_duration_seconds as duration_seconds,
        coalesce(archived, false) as is_deleted
    from latest_versions
)

select * from final
