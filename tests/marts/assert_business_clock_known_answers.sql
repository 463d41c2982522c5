{{
    config(
        tags=['marts', 'macro', 'sla'],
        meta={
            'checks': 'business_seconds_in_day and iso_day_of_week give known answers'
        }
    )
}}

-- Known answers for the business-hours clock (business_seconds_in_day) and
-- iso_day_of_week. Expected values are derived from the vars, so the test holds
-- for any business_hours_start / business_hours_end / business_days.
-- 2025-01-06 is a Monday, 2025-01-04 a Saturday, 2025-01-05 a Sunday.
{%- set open_hour = var('business_hours_start') -%}
{%- set close_hour = var('business_hours_end') -%}
{%- set days = var('business_days') -%}
{%- set full_day = ((close_hour - open_hour) * 3600) | int -%}
{%- set ts = dbt.type_timestamp() %}

with

cases as (
    select
        'monday whole day' as case_name,
        cast('2025-01-06 00:00:00' as {{ ts }}) as start_at,
        cast('2025-01-07 00:00:00' as {{ ts }}) as end_at,
        cast('2025-01-06' as date) as date_day,
        {{ full_day if 1 in days else 0 }} as expected_seconds
    union all
    select
        'saturday whole day' as case_name,
        cast('2025-01-04 00:00:00' as {{ ts }}) as start_at,
        cast('2025-01-05 00:00:00' as {{ ts }}) as end_at,
        cast('2025-01-04' as date) as date_day,
        {{ full_day if 6 in days else 0 }} as expected_seconds
    union all
    select
        'monday first business hour' as case_name,
        cast('2025-01-06 00:00:00' as {{ ts }}) as start_at,
        {{ dbt.dateadd('minute', ((open_hour + 1) * 60) | int,
            "cast('2025-01-06 00:00:00' as " ~ ts ~ ")") }} as end_at,
        cast('2025-01-06' as date) as date_day,
        {{ 3600 if 1 in days else 0 }} as expected_seconds
    union all
    select
        'monday after closing' as case_name,
        {{ dbt.dateadd('minute', (close_hour * 60) | int,
            "cast('2025-01-06 00:00:00' as " ~ ts ~ ")") }} as start_at,
        cast('2025-01-06 23:59:00' as {{ ts }}) as end_at,
        cast('2025-01-06' as date) as date_day,
        0 as expected_seconds
    union all
    select
        'interval on monday, measured on tuesday' as case_name,
        cast('2025-01-06 00:00:00' as {{ ts }}) as start_at,
        cast('2025-01-06 23:00:00' as {{ ts }}) as end_at,
        cast('2025-01-07' as date) as date_day,
        0 as expected_seconds
),

measured as (
    select
        case_name,
        expected_seconds,
        {{ business_seconds_in_day('start_at', 'end_at', 'date_day') }}
            as measured_seconds
    from cases
),

day_of_week_checks as (
    select
        'iso_day_of_week' as case_name,
        1 as expected_seconds,
        {{ iso_day_of_week("cast('2025-01-06' as date)") }} as measured_seconds
    union all
    select
        'iso_day_of_week sunday' as case_name,
        7 as expected_seconds,
        {{ iso_day_of_week("cast('2025-01-05' as date)") }} as measured_seconds
)

select * from measured
where measured_seconds != expected_seconds
union all
select * from day_of_week_checks
where measured_seconds != expected_seconds
