{{ config(
    enabled=(var('lead_stage_history_input', 'property_history') == 'property_history'),
    tags=['stage_history'],
    meta={'rule': 'The open stage period of a contact is its current stage, when that stage is dated.'},
) }}
{#-
    Fails for each contact whose open stage period differs from its current_stage.
    A current stage the export does not date (a deal without any date, a stage on a
    dateless list) cannot have a period: such contacts are not checked.
-#}

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
        (
            open_periods.stage is null
            or open_periods.stage <> lifecycles.current_stage
        )
        and case lifecycles.current_stage
            when 'suspect' then lifecycles.created_at
            when 'lead' then lifecycles.lead_at
            when 'mql' then lifecycles.mql_at
            when 'sql' then lifecycles.sql_at
            when 'prospect' then lifecycles.prospect_at
            when 'opportunity' then lifecycles.opportunity_at
            when 'customer' then lifecycles.customer_at
            when 'disqualified' then lifecycles.disqualified_at
        end is not null
)

select * from final
