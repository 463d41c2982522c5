with

latest_versions as (
    {{ lead_lifecycle.latest_versions('marketing', 'engagements', [
        'occurred_at desc',
    ]) }}
),

final as (
    select
        engagement_id as marketing_engagement_id,
        lower(engagement_type) as engagement_type,
        lower(source_system) as source_system,
        occurred_at,
        lower(email) as email,
        contact_id,
        phone,
        full_name,
        company as company_name,
        campaign_name,
        duration_seconds,
        coalesce(is_qualified_conversation, false) as is_qualified_conversation
    from latest_versions
)

select * from final
