{{ lead_lifecycle.assert_raw_columns('crm', 'engagements') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('crm', 'engagements') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

versions_ranked as (
    select
        *,
        row_number() over (
            partition by hs_object_id
            order by hs_createdate desc nulls last, hs_timestamp desc
        ) as version_rank
    from usable_rows
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
    from versions_ranked
    where version_rank = 1
)

select * from final
