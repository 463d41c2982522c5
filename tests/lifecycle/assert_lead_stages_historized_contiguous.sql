{{ config(
    tags=['stage_history'],
    meta={'rule': 'Stage periods of a contact are contiguous and do not overlap.'},
) }}
{#-
    Fails for every stage period of a contact that does not start exactly where the
    previous one ended, that ends before it starts, that is followed by a period
    while open (valid_to null), or that repeats the previous stage.
-#}

with

stage_periods as (
    select * from {{ ref('int_lead_stages_historized') }}
),

ordered as (
    select
        contact_id,
        stage,
        valid_from,
        valid_to,
        lag(valid_to) over (partition by contact_id order by valid_from) as previous_valid_to,
        lag(stage) over (partition by contact_id order by valid_from) as previous_stage,
        row_number() over (partition by contact_id order by valid_from) as period_number,
        count(*) over (partition by contact_id) as period_count
    from stage_periods
),

violations as (
    select
        *,
        case
            when period_number > 1 and previous_valid_to is null then 'overlaps an open period'
            when period_number > 1 and previous_valid_to <> valid_from then 'gap or overlap'
            when valid_to is not null and valid_to <= valid_from then 'ends before it starts'
            when period_number = period_count and valid_to is not null then 'last period closed'
            when period_number < period_count and valid_to is null then 'open period not last'
            when previous_stage = stage then 'repeats the previous stage'
        end as violation
    from ordered
)

select * from violations
where violation is not null
