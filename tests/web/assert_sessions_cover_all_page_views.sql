-- Row-count integrity between layers: every staged page view is sessionized once,
-- and the sessions of each browser count exactly its page views.
{{ config(tags=['web', 'nightly'], meta={'rule': 'sessions account for every page view'}) }}

with

staged as (
    select
        anonymous_id,
        count(*) as staged_page_views
    from {{ ref('stg_web__pages') }}
    group by anonymous_id
),

sessionized as (
    select
        anonymous_id,
        count(*) as sessionized_page_views
    from {{ ref('int_page_views_sessionized') }}
    group by anonymous_id
),

sessions as (
    select
        anonymous_id,
        sum(page_view_count) as session_page_views
    from {{ ref('int_sessions_aggregated') }}
    group by anonymous_id
),

compared as (
    select
        coalesce(staged.anonymous_id, sessionized.anonymous_id, sessions.anonymous_id)
            as anonymous_id,
        coalesce(staged.staged_page_views, 0) as staged_page_views,
        coalesce(sessionized.sessionized_page_views, 0) as sessionized_page_views,
        coalesce(sessions.session_page_views, 0) as session_page_views
    from staged
    full outer join sessionized
        on staged.anonymous_id = sessionized.anonymous_id
    full outer join sessions
        on coalesce(staged.anonymous_id, sessionized.anonymous_id) = sessions.anonymous_id
)

select * from compared
where
    staged_page_views <> sessionized_page_views
    or staged_page_views <> session_page_views
