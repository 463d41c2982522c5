{{ config(materialized='table') }}

with

spine as (
    {{ date_spine(
        "'" ~ var('funnel_start_date') ~ "'",
        "'" ~ var('funnel_end_date') ~ "'"
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
