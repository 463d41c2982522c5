{{ lead_lifecycle.assert_raw_columns('marketing', 'ad_spend') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('marketing', 'ad_spend') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

-- reports carry no export time: when a day is reported twice with different
-- figures, the restatement with the most impressions (the most complete) wins
versions_ranked as (
    select
        *,
        row_number() over (
            partition by "date", platform, campaign_id  -- noqa: RF06
            order by impressions desc nulls last, clicks desc nulls last, spend desc
        ) as version_rank
    from usable_rows
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            ['"date"', 'platform', 'campaign_id']
        ) }} as ad_spend_id,
        "date" as spend_date,  -- noqa: RF06
        lower(platform) as platform,
        campaign_id,
        campaign_name,
        utm_source,
        utm_medium,
        impressions,
        clicks,
        spend
    from versions_ranked
    where version_rank = 1
)

select * from final
