{{
    config(
        tags=['marts', 'macro'],
        meta={
            'checks': 'date_spine gives every day once within its bounds'
        }
    )
}}

-- The date_spine macro gives every day once, leap day included, and no day
-- outside the bounds: 2024-02-25 .. 2024-03-02 is 7 days. Fails with a row
-- describing what is wrong.
with

spine as (
    {{ date_spine("'2024-02-25'", "'2024-03-02'") }}
),

summary as (
    select
        count(*) as day_count,
        count(distinct date_day) as distinct_day_count,
        min(date_day) as first_day,
        max(date_day) as last_day,
        sum(
            case when date_day = cast('2024-02-29' as date) then 1 else 0 end
        ) as leap_day_count
    from spine
)

select *
from summary
where
    day_count != 7
    or distinct_day_count != 7
    or first_day != cast('2024-02-25' as date)
    or last_day != cast('2024-03-02' as date)
    or leap_day_count != 1
