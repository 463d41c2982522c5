{#-
    The CRM's own view of each contact's lifecycle (doc def_crm_stages), from the
    property history of all records merged into the surviving contact: the first time
    each lifecycle stage was set (even if set back later), skipped stages, set-backs,
    the first sales acceptance (doc def_sales_acceptance) and the disqualification
    (int_crm_disqualifications_identified, doc def_disqualified). One row per
    surviving contact with property history.
-#}

with

history_on_survivors as (
    select * from {{ ref('int_contact_property_history_remapped') }}
),

crm_lifecycle_stages as (
    select * from {{ ref('crm_lifecycle_stages') }}
),

disqualifications as (
    select * from {{ ref('int_crm_disqualifications_identified') }}
),

stage_changes as (
    select
        history_on_survivors.*,
        crm_lifecycle_stages.stage,
        crm_lifecycle_stages.crm_stage_order,
        lag(crm_lifecycle_stages.crm_stage_order) over (
            partition by history_on_survivors.contact_id
            order by history_on_survivors.changed_at, history_on_survivors.property_change_id
        ) as previous_crm_stage_order,
        row_number() over (
            partition by history_on_survivors.contact_id
            order by
                history_on_survivors.changed_at desc,
                history_on_survivors.property_change_id desc
        ) as recency_rank
    from history_on_survivors
    inner join crm_lifecycle_stages
        on lower(history_on_survivors.property_value) = crm_lifecycle_stages.crm_lifecycle_stage
    where history_on_survivors.property_name = 'lifecyclestage'
),

sales_acceptances as (
    select
        contact_id,
        changed_at as sales_accepted_at,
        changed_by_user_id as sales_accepted_by_user_id,
        row_number() over (
            partition by contact_id
            order by changed_at, property_change_id
        ) as acceptance_rank
    from stage_changes
    where
        stage = 'sql'
        and lower(changed_by_role) in {{ lifecycle_sql_list(var('sql_accepting_roles')) }}
),

stages_reached as (
    select
        contact_id,
        min(case when stage = 'lead' then changed_at end) as crm_lead_at,
        min(case when stage = 'mql' then changed_at end) as crm_mql_at,
        min(case when stage = 'sql' then changed_at end) as crm_sql_at,
        min(case when stage = 'opportunity' then changed_at end) as crm_opportunity_at,
        min(case when stage = 'customer' then changed_at end) as crm_customer_at,
        min(case when stage is not null then changed_at end) as crm_first_funnel_stage_at,
        min(case when crm_stage_order >= 2 then changed_at end) as crm_first_mql_or_later_at,
        max(crm_stage_order) as crm_max_stage_order,
        min(
            case when crm_stage_order < previous_crm_stage_order then changed_at end
        ) as crm_first_setback_at,
        min(case when recency_rank = 1 then stage end) as crm_current_stage
    from stage_changes
    group by 1
),

skipped_stages as (
    select
        stages_reached.contact_id,
        {{ dbt.listagg(
            "crm_lifecycle_stages.stage", "', '", "order by crm_lifecycle_stages.crm_stage_order"
        ) }} as crm_skipped_stages
    from stages_reached
    inner join crm_lifecycle_stages
        on
            stages_reached.crm_max_stage_order > crm_lifecycle_stages.crm_stage_order
            and crm_lifecycle_stages.crm_stage_order >= 1
            and crm_lifecycle_stages.stage in ('lead', 'mql', 'sql', 'opportunity')
    where
        (crm_lifecycle_stages.stage = 'lead' and stages_reached.crm_lead_at is null)
        or (crm_lifecycle_stages.stage = 'mql' and stages_reached.crm_mql_at is null)
        or (crm_lifecycle_stages.stage = 'sql' and stages_reached.crm_sql_at is null)
        or (
            crm_lifecycle_stages.stage = 'opportunity'
            and stages_reached.crm_opportunity_at is null
        )
    group by 1
),

contacts_with_history as (
    select
        contact_id,
        min(changed_at) as crm_first_change_at
    from history_on_survivors
    group by 1
),

final as (
    select
        contacts_with_history.contact_id,
        stages_reached.crm_lead_at,
        stages_reached.crm_mql_at,
        stages_reached.crm_sql_at,
        stages_reached.crm_opportunity_at,
        stages_reached.crm_customer_at,
        stages_reached.crm_first_funnel_stage_at,
        stages_reached.crm_first_mql_or_later_at,
        contacts_with_history.crm_first_change_at,
        stages_reached.crm_current_stage,
        disqualifications.crm_disqualified_at,
        disqualifications.crm_latest_disqualified_at,
        disqualifications.crm_disqualification_reason,
        disqualifications.crm_requalified_at,
        sales_acceptances.sales_accepted_at,
        sales_acceptances.sales_accepted_by_user_id,
        skipped_stages.crm_skipped_stages,
        skipped_stages.crm_skipped_stages is not null as has_crm_skipped_stage,
        stages_reached.crm_first_setback_at,
        stages_reached.crm_first_setback_at is not null as has_crm_stage_setback
    from contacts_with_history
    left join stages_reached
        on contacts_with_history.contact_id = stages_reached.contact_id
    left join disqualifications
        on contacts_with_history.contact_id = disqualifications.contact_id
    left join sales_acceptances
        on
            contacts_with_history.contact_id = sales_acceptances.contact_id
            and sales_acceptances.acceptance_rank = 1
    left join skipped_stages
        on contacts_with_history.contact_id = skipped_stages.contact_id
)

select * from final
