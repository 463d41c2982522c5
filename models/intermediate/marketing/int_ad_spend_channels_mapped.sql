{#-
    Every ad spend row on the channel of the channel_mapping seed (doc
    spend_channel_mapping): the first rule by priority whose utm source and medium
    patterns match (an ad click arrives without a referrer host), else 'other'; with
    its month and campaign ('(none)' when unnamed), ready to sit beside the funnel.
-#}

with

ad_spend as (
    select * from {{ ref('stg_marketing__ad_spend') }}
),

channel_mapping as (
    select * from {{ ref('channel_mapping') }}
),

spend_rules as (
    select
        ad_spend.ad_spend_id,
        channel_mapping.channel,
        row_number() over (
            partition by ad_spend.ad_spend_id
            order by channel_mapping.priority
        ) as rule_rank
    from ad_spend
    inner join channel_mapping
        on
            coalesce(ad_spend.utm_source, '(none)') like channel_mapping.utm_source_pattern
            and coalesce(ad_spend.utm_medium, '(none)') like channel_mapping.utm_medium_pattern
            -- an ad click arrives without a referrer host
            and '(none)' like channel_mapping.referrer_host_pattern
),

final as (
    select
        ad_spend.ad_spend_id,
        cast({{ dbt.date_trunc('month', 'ad_spend.spend_date') }} as date) as month_start_date,
        coalesce(spend_rules.channel, 'other') as channel,
        coalesce(ad_spend.campaign_name, '(none)') as campaign,
        ad_spend.spend,
        ad_spend.impressions,
        ad_spend.clicks
    from ad_spend
    left join spend_rules
        on
            ad_spend.ad_spend_id = spend_rules.ad_spend_id
            and spend_rules.rule_rank = 1
)

select * from final
