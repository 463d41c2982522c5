{#-
    delete+insert only replaces the rows it writes; the post-hook drops rows a full
    refresh would not produce (days outside the new calendar or past the new last day,
    stages or channels no longer defined). It is a string so dbt renders it at run time;
    it runs on incremental runs only. On Spark (plain Parquet, no DELETE) the model is a
    table rebuilt whole (macros/engines/incremental_by_key.sql).
-#}
{{
    config(
        materialized=lead_lifecycle.incremental_with_deletes_materialization(),
        unique_key=['date_day', 'stage', 'channel'],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        post_hook=[
            "{% if is_incremental() %}
            delete from {{ this }}
            where
                date_day > (
                    select least(
                        (select max(date_day) from {{ ref('dim_dates') }}),
                        greatest(max(entered_date), coalesce(max(exited_date), max(entered_date)))
                    )
                    from {{ ref('fct_lead_stage_transitions') }}
                    where is_funnel_lead
                )
                or date_day < (select min(date_day) from {{ ref('dim_dates') }})
                or stage not in (select stage from {{ ref('lifecycle_stages') }})
                or channel not in (select channel from {{ ref('dim_channels') }})
            {% endif %}"
        ]
    )
}}
{#-
    Stock and flow of funnel leads per day, stage and channel (doc stage_stock_flow).
    Dense: one row per day x stage x channel from the calendar's first day (dim_dates,
    doc calendar_from_data) to the last day with a stage change in the data (capped
    at the calendar's last day).

    Stock is computed as opening stock + running sum of (entries - exits), which is
    cheap to recompute for the whole calendar. Incremental runs then write only what
    changed: they compare the recomputed rows with the stored ones and rebuild every
    day from the first day that differs (new days included). Days before it are
    identical by construction, so the table equals a full refresh after every run
    (a post-hook removes rows a full refresh would no longer produce).

    Why it stays one model of about 225 lines: the incremental comparison needs the
    recomputed rows in the same model, and every input of the grid (the transitions,
    the calendar dim_dates, dim_channels) is a mart, which an intermediate model must
    not read; the stages a lead passes through are already in int_lead_stages_historized.
-#}

with

transitions as (
    select * from {{ ref('fct_lead_stage_transitions') }}
    where is_funnel_lead
),

dates as (
    select * from {{ ref('dim_dates') }}
),

channels as (
    select * from {{ ref('dim_channels') }}
),

stages as (
    select * from {{ ref('lifecycle_stages') }}
),

calendar_bounds as (
    select
        min(date_day) as first_day,
        max(date_day) as last_day
    from dates
),

last_changes as (
    select
        greatest(max(entered_date), coalesce(max(exited_date), max(entered_date)))
            as last_change_day
    from transitions
),

-- without any stage change the grid runs to the calendar's end, all zeros
bounds as (
    select
        calendar_bounds.first_day,
        least(calendar_bounds.last_day, last_changes.last_change_day) as last_day
    from calendar_bounds
    cross join last_changes
),

grid as (
    select
        dates.date_day,
        stages.stage,
        stages.stage_order,
        channels.channel
    from dates
    inner join bounds
        on dates.date_day between bounds.first_day and bounds.last_day
    cross join stages
    cross join channels
),

entries as (
    select
        entered_date as date_day,
        stage,
        channel,
        count(*) as entry_count
    from transitions
    group by 1, 2, 3
),

exits as (
    select
        exited_date as date_day,
        stage,
        channel,
        count(*) as exit_count
    from transitions
    where exited_date is not null
    group by 1, 2, 3
),

opening_stock as (
    select
        transitions.stage,
        transitions.channel,
        count(*) as stock_count
    from transitions
    cross join bounds
    where
        transitions.entered_date < bounds.first_day
        and (
            transitions.exited_date is null
            or transitions.exited_date >= bounds.first_day
        )
    group by 1, 2
),

flows as (
    select
        grid.date_day,
        grid.stage,
        grid.stage_order,
        grid.channel,
        coalesce(opening_stock.stock_count, 0) as opening_stock_count,
        coalesce(entries.entry_count, 0) as entries_count,
        coalesce(exits.exit_count, 0) as exits_count
    from grid
    left join entries
        on
            grid.date_day = entries.date_day
            and grid.stage = entries.stage
            and grid.channel = entries.channel
    left join exits
        on
            grid.date_day = exits.date_day
            and grid.stage = exits.stage
            and grid.channel = exits.channel
    left join opening_stock
        on
            grid.stage = opening_stock.stage
            and grid.channel = opening_stock.channel
),

recomputed as (
    select
        date_day,
        stage,
        stage_order,
        channel,
        cast(
            opening_stock_count
            + sum(entries_count - exits_count)
                over (
                    partition by stage, channel
                    order by date_day
                    rows between unbounded preceding and current row
                )
            as {{ dbt.type_bigint() }}
        ) as stock_count,
        cast(entries_count as {{ dbt.type_bigint() }}) as entries_count,
        cast(exits_count as {{ dbt.type_bigint() }}) as exits_count
    from flows
),

{% if is_incremental() %}

    stored as (
        select * from {{ this }}
    ),

    first_changed_day as (
        select min(coalesce(recomputed.date_day, stored.date_day)) as date_day
        from recomputed
        full outer join stored
            on
                recomputed.date_day = stored.date_day
                and recomputed.stage = stored.stage
                and recomputed.channel = stored.channel
        where
            recomputed.date_day is null
            or stored.date_day is null
            or recomputed.stock_count != stored.stock_count
            or recomputed.entries_count != stored.entries_count
            or recomputed.exits_count != stored.exits_count
            or recomputed.stage_order != stored.stage_order
    ),

{% endif %}

final as (
    select *
    from recomputed
    {% if is_incremental() %}
        where date_day >= (select first_changed_day.date_day from first_changed_day)
    {% endif %}
)

select * from final
