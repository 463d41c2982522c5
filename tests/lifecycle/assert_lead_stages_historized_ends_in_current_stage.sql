{{ config(
    enabled=(var('lead_stage_history_input', 'property_history') == 'property_history'),
    tags=['stage_history'],
    meta={'rule': 'The open stage period of a contact is its current stage.'},
) }}
{#- Fails for each contact whose open stage period differs from its current_stage. -#}

with

lifecycles as (
    select * from {{ ref('int_lead_lifecycles_derived') }}
),

open_periods as (
    select * from {{ ref('int_lead_stages_historized') }}
    where valid_to is null
),

final as (
    select
        lifecycles.contact_id,
        lifecycles.current_stage,
        open_periods.stage as open_period_stage
    from lifecycles
    left join open_periods
        on lifecycles.contact_id = open_periods.contact_id
    where
        open_periods.stage is null
        or open_periods.stage <> lifecycles.current_stage
)

select * from final
