{#-
    Content performance: one row per content item of the content catalog. Views and
    readers count all traffic; the lead columns count funnel leads whose (stitched)
    page views of the item came before their MQL (or at any time when they are not
    an MQL yet): those are the leads the item could have influenced, and the MQL
    conversion of readers is the share of them that became MQL.
-#}

with

content_catalog as (
    select * from {{ ref('content_catalog') }}
),

page_views as (
    select * from {{ ref('int_page_views_stitched') }}
    where content_id is not null
),

leads as (
    select * from {{ ref('dim_leads') }}
    where is_funnel_lead
),

traffic as (
    select
        content_id,
        count(*) as page_views_count,
        count(distinct anonymous_id) as readers_count,
        count(distinct contact_id) as known_readers_count,
        min(viewed_at) as first_viewed_at,
        max(viewed_at) as last_viewed_at
    from page_views
    group by 1
),

lead_readers as (
    select distinct
        page_views.content_id,
        leads.lead_id,
        leads.is_mql,
        leads.is_sql,
        page_views.viewed_at <= leads.lead_at as is_before_lead
    from page_views
    inner join leads
        on page_views.contact_id = leads.lead_id
    where
        leads.mql_at is null
        or page_views.viewed_at <= leads.mql_at
),

lead_reader_counts as (
    select
        content_id,
        count(distinct lead_id) as leads_influenced_count,
        count(distinct case when is_before_lead then lead_id end) as leads_sourced_count,
        count(distinct case when is_mql then lead_id end) as influenced_mqls_count,
        count(distinct case when is_sql then lead_id end) as influenced_sqls_count
    from lead_readers
    group by 1
),

final as (
    select
        content_catalog.content_id,
        content_catalog.content_title,
        content_catalog.content_type,
        content_catalog.journey_stage,
        content_catalog.is_pricing_page,
        coalesce(traffic.page_views_count, 0) as page_views_count,
        coalesce(traffic.readers_count, 0) as readers_count,
        coalesce(traffic.known_readers_count, 0) as known_readers_count,
        coalesce(lead_reader_counts.leads_influenced_count, 0) as leads_influenced_count,
        coalesce(lead_reader_counts.leads_sourced_count, 0) as leads_sourced_count,
        coalesce(lead_reader_counts.influenced_mqls_count, 0) as influenced_mqls_count,
        coalesce(lead_reader_counts.influenced_sqls_count, 0) as influenced_sqls_count,
        {{ safe_divide(
            'lead_reader_counts.influenced_mqls_count',
            'lead_reader_counts.leads_influenced_count'
        ) }} as reader_mql_conversion_rate,
        traffic.first_viewed_at,
        traffic.last_viewed_at
    from content_catalog
    left join traffic
        on content_catalog.content_id = traffic.content_id
    left join lead_reader_counts
        on content_catalog.content_id = lead_reader_counts.content_id
)

select * from final
