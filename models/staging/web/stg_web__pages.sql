{{ lead_lifecycle.assert_raw_columns('web', 'pages') }}

-- one of the largest relations (tens of millions of rows): a view, no join; the
-- dedupe is a single window over the message id
with

source as (
    {{ lead_lifecycle.contract_typed_rows('web', 'pages') }}
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
            order by received_at desc, "timestamp" desc  -- noqa: RF06
        ) as version_rank
    from usable_rows
),

final as (
    select
        id as page_view_id,
        anonymous_id,
        user_id,
        "timestamp" as viewed_at,  -- noqa: RF06
        received_at,
        url as page_url,
        path as page_path,
        title as page_title,
        referrer,
        {{ lead_lifecycle.url_host('referrer') }} as referrer_host,
        context_campaign_source as utm_source,
        context_campaign_medium as utm_medium,
        context_campaign_name as utm_campaign,
        context_campaign_content as utm_content,
        context_campaign_term as utm_term,
        context_user_agent as user_agent
    from versions_ranked
    where version_rank = 1
)

select * from final
