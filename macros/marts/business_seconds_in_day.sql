{#-
    Business-hours clock, one day at a time: the seconds of the interval
    [start_at, end_at] that fall inside the business hours of date_day
    (var business_hours_start to var business_hours_end, UTC, on the ISO weekdays
    in var business_days). 0 when date_day is not a business day or the interval
    does not touch its business hours. Sum it over the days of an interval
    (join a date spine on date_day between the interval's dates) to get the
    business seconds of the whole interval.
-#}
{% macro business_seconds_in_day(start_at, end_at, date_day) -%}
    {{ return(adapter.dispatch('business_seconds_in_day', 'lead_lifecycle')(
        start_at, end_at, date_day
    )) }}
{%- endmacro %}

{% macro default__business_seconds_in_day(start_at, end_at, date_day) -%}
    {%- set day_start = 'cast(' ~ date_day ~ ' as ' ~ dbt.type_timestamp() ~ ')' -%}
    {%- set opens_at = dbt.dateadd(
        'minute', (var('business_hours_start') * 60) | int, day_start
    ) -%}
    {%- set closes_at = dbt.dateadd(
        'minute', (var('business_hours_end') * 60) | int, day_start
    ) -%}
    case
        when {{ lead_lifecycle.iso_day_of_week(date_day) }}
            in ({{ var('business_days') | join(', ') }})
            then greatest(
                0,
                {{ dbt.datediff(
                    'greatest(' ~ start_at ~ ', ' ~ opens_at ~ ')',
                    'least(' ~ end_at ~ ', ' ~ closes_at ~ ')',
                    'second'
                ) }}
            )
        else 0
    end
{%- endmacro %}
