-- Consecutive sessions of one browser are at least session_timeout_minutes apart and
-- numbered without gaps (doc web_sessionization).
{{
    config(
        tags=['web', 'nightly'],
        meta={'rule': 'a new session starts after the inactivity timeout'},
    )
}}

with

sessions as (
    select
        anonymous_id,
        session_id,
        session_number,
        session_started_at,
        lag(session_ended_at) over (
            partition by anonymous_id order by session_started_at
        ) as previous_session_ended_at,
        row_number() over (
            partition by anonymous_id order by session_started_at
        ) as expected_session_number
    from {{ ref('int_sessions_aggregated') }}
)

select * from sessions
where
    session_number <> expected_session_number
    or session_started_at < {{ dbt.dateadd(
        'minute', var('session_timeout_minutes') | int, 'previous_session_ended_at'
    ) }}
