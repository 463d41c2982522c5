{#-
    Website engagement per known person and day (UTC), a summary for analysis; lead
    scoring reads the page views themselves (doc web_content_engagement).
-#}
{%- set article_types_sql = "'" ~ var('web_article_content_types') | join("', '") ~ "'" -%}

with

page_views as (
    select * from {{ ref('int_page_views_stitched') }}
    where contact_id is not null
),

page_views_dated as (
    select
        contact_id,
        cast(viewed_at as date) as activity_date,
        session_id,
        page_path,
        content_id,
        content_type,
        journey_stage,
        is_pricing_page
    from page_views
),

final as (
    select
        contact_id,
        activity_date,
        count(*) as page_views,
        count(distinct session_id) as sessions,
        count(
            distinct case
                when content_type in ({{ article_types_sql }}) then page_path
            end
        ) as articles_read,
        sum(case when is_pricing_page then 1 else 0 end) as pricing_page_views,
        sum(case when journey_stage = 'awareness' then 1 else 0 end) as awareness_views,
        sum(case when journey_stage = 'evaluation' then 1 else 0 end) as evaluation_views,
        sum(case when journey_stage = 'decision' then 1 else 0 end) as decision_views
    from page_views_dated
    group by contact_id, activity_date
)

select * from final
