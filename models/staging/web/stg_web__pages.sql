{#- Incremental on DuckDB and PostgreSQL: a run re-ranks the keys with new arrivals
    (doc staging_arrival_window); a table on Spark. -#}
{{ config(unique_key='page_view_id') }}

with

latest_versions as (
    {{ lead_lifecycle.latest_versions('web', 'pages', [
        'received_at desc',
        adapter.quote('timestamp') ~ ' desc',
    ], arrival_column='received_at') }}
),

final as (
    select
        id as page_view_id,
        anonymous_id,
        user_id,
        {{ adapter.quote('timestamp') }} as viewed_at,
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
    from latest_versions
)

select * from final
