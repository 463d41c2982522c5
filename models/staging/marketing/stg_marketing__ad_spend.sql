with

-- reports carry no export time: when a day is reported twice with different
-- figures, the restatement with the most impressions (the most complete) wins
latest_versions as (
    {{ lead_lifecycle.latest_versions('marketing', 'ad_spend', [
        'impressions desc nulls last',
        'clicks desc nulls last',
        'spend desc',
    ]) }}
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            [adapter.quote('date'), 'platform', 'campaign_id']
        ) }} as ad_spend_id,
        {{ adapter.quote('date') }} as spend_date,
        lower(platform) as platform,
        campaign_id,
        campaign_name,
        utm_source,
        utm_medium,
        impressions,
        clicks,
        spend
    from latest_versions
)

select * from final
