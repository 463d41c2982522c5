{#-
    The calendar (doc calendar_from_data): one row per day from the first day of the
    month of the earliest plausible event in the data to the last day of the month of
    the latest one (int_event_dates_profiled). The vars funnel_start_date /
    funnel_end_date, when set, override either end. No data at all gives no days.
-#}
{{ config(materialized='table') }}

{%- set start_var = var('funnel_start_date') -%}
{%- set end_var = var('funnel_end_date') -%}
{%- set month_end = dbt.dateadd(
    'day', -1, dbt.dateadd('month', 1, dbt.date_trunc('month', 'last_event_date'))
) -%}
{%- set first_day = "cast('" ~ start_var ~ "' as date)" if start_var
    else "cast(" ~ dbt.date_trunc('month', 'first_event_date') ~ " as date)" -%}
{%- set last_day = "cast('" ~ end_var ~ "' as date)" if end_var
    else "cast(" ~ month_end ~ " as date)" -%}

with

event_dates as (
    select * from {{ ref('int_event_dates_profiled') }}
),

data_bounds as (
    select
        min(first_plausible_date) as first_event_date,
        max(last_plausible_date) as last_event_date
    from event_dates
),

bounds as (
    select
        {{ first_day }} as first_day,
        {{ last_day }} as last_day
    from data_bounds
),

spine as (
    {{ date_spine(
        "(select first_day from bounds)",
        "(select last_day from bounds)"
    ) }}
),

final as (
    select
        date_day,
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as week_start_date,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date,
        cast({{ dbt.date_trunc('quarter', 'date_day') }} as date) as quarter_start_date,
        cast({{ dbt.date_trunc('year', 'date_day') }} as date) as year_start_date,
        cast(extract(year from date_day) as {{ dbt.type_int() }}) as year_number,
        cast(extract(month from date_day) as {{ dbt.type_int() }}) as month_number,
        cast(extract(day from date_day) as {{ dbt.type_int() }}) as day_of_month,
        {{ iso_day_of_week('date_day') }} as iso_day_of_week,
        {{ iso_day_of_week('date_day') }} in ({{ var('business_days') | join(', ') }})
            as is_business_day
    from spine
)

select * from final
