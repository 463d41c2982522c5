{#-
    Page views with the person behind them, stitched at read time: the incremental
    page view table stays keyed on anonymous_id, and this view joins today's
    stitching, so views made before a person was known belong to them as soon as
    any of their browsers is identified (doc web_identity_stitching).
-#}
{{ config(materialized='view') }}

with

page_views as (
    select * from {{ ref('int_page_views_sessionized') }}
),

anonymous_ids_stitched as (
    select * from {{ ref('int_anonymous_ids_stitched') }}
),

final as (
    select
        page_views.*,
        anonymous_ids_stitched.contact_id
    from page_views
    left join anonymous_ids_stitched
        on page_views.anonymous_id = anonymous_ids_stitched.anonymous_id
)

select * from final
