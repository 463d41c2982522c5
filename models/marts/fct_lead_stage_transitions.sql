{#-
    One row per lead and stage entered (a lead that comes back to a stage has one
    row per entry), from the lifecycle engine's contiguous stage history.
-#}
with

stage_history as (
    select * from {{ ref('int_lead_stages_historized') }}
),

lifecycle_stages as (
    select * from {{ ref('lifecycle_stages') }}
),

leads as (
    select * from {{ ref('dim_leads') }}
),

ordered as (
    select
        stage_history.contact_id,
        stage_history.stage,
        stage_history.valid_from,
        stage_history.valid_to,
        stage_history.stage_source,
        lifecycle_stages.stage_order,
        lag(stage_history.stage) over (
            partition by stage_history.contact_id
            order by stage_history.valid_from
        ) as previous_stage,
        lag(lifecycle_stages.stage_order) over (
            partition by stage_history.contact_id
            order by stage_history.valid_from
        ) as previous_stage_order,
        lead(stage_history.stage) over (
            partition by stage_history.contact_id
            order by stage_history.valid_from
        ) as next_stage,
        -- bigint on every engine (row_number() is an int on Spark)
        cast(row_number() over (
            partition by stage_history.contact_id, stage_history.stage
            order by stage_history.valid_from
        ) as {{ dbt.type_bigint() }}) as stage_entry_number
    from stage_history
    left join lifecycle_stages
        on stage_history.stage = lifecycle_stages.stage
),

final as (
    select
        {{ generate_surrogate_key(['ordered.contact_id', 'ordered.stage', 'ordered.valid_from']) }}
            as stage_transition_id,
        ordered.contact_id as lead_id,
        ordered.stage,
        ordered.stage_order,
        ordered.previous_stage,
        ordered.next_stage,
        ordered.valid_from as entered_at,
        ordered.valid_to as exited_at,
        cast(ordered.valid_from as date) as entered_date,
        cast(ordered.valid_to as date) as exited_date,
        {{ days_between('ordered.valid_from', 'ordered.valid_to') }} as days_in_stage,
        ordered.stage_source,
        ordered.stage_entry_number,
        ordered.valid_to is null as is_current,
        coalesce(
            ordered.stage_order >= 0
            and ordered.previous_stage_order >= 0
            and ordered.stage_order < ordered.previous_stage_order,
            false
        ) as is_regression,
        leads.channel,
        leads.owner_id,
        leads.is_funnel_lead
    from ordered
    inner join leads
        on ordered.contact_id = leads.lead_id
)

select * from final
