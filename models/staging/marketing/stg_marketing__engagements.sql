{{ lead_lifecycle.assert_raw_columns('marketing', 'engagements') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('marketing', 'engagements') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

versions_ranked as (
    select
        *,
        row_number() over (
            partition by engagement_id
            order by occurred_at desc
        ) as version_rank
    from usable_rows
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
    from versions_ranked
    where version_rank = 1
)

select * from final
