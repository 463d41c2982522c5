{#-
    The CRM's disqualifications of each surviving contact (doc def_disqualified), from
    the property history of all records merged into it: the first and the latest time
    a disqualifying lead status (var disqualified_lead_statuses) or a disqualification
    reason was set, the reason recorded closest to the first disqualification, and the
    first time the CRM put the contact back to MQL afterwards (requalified, doc
    def_recycled). One row per surviving contact ever disqualified in the CRM.
-#}

with

history_on_survivors as (
    select * from {{ ref('int_contact_property_history_remapped') }}
),

crm_lifecycle_stages as (
    select * from {{ ref('crm_lifecycle_stages') }}
),

disqualification_events as (
    select
        contact_id,
        changed_at
    from history_on_survivors
    where
        (
            property_name = 'hs_lead_status'
            and lower(property_value) in {{ lifecycle_sql_list(var('disqualified_lead_statuses')) }}
        )
        or (property_name = 'disqualification_reason' and property_value is not null)
),

disqualifications as (
    select
        contact_id,
        min(changed_at) as crm_disqualified_at,
        max(changed_at) as crm_latest_disqualified_at
    from disqualification_events
    group by 1
),

reasons_ranked as (
    -- the reason recorded closest to the first disqualification: the first set at or
    -- after it, else the latest set before it
    select
        history_on_survivors.contact_id,
        history_on_survivors.property_value as disqualification_reason,
        row_number() over (
            partition by history_on_survivors.contact_id
            order by
                case
                    when history_on_survivors.changed_at >= disqualifications.crm_disqualified_at
                        then 0
                    else 1
                end,
                case
                    when history_on_survivors.changed_at >= disqualifications.crm_disqualified_at
                        then history_on_survivors.changed_at
                end,
                history_on_survivors.changed_at desc,
                history_on_survivors.property_change_id asc
        ) as reason_rank
    from history_on_survivors
    inner join disqualifications
        on history_on_survivors.contact_id = disqualifications.contact_id
    where
        history_on_survivors.property_name = 'disqualification_reason'
        and history_on_survivors.property_value is not null
),

reopenings as (
    -- the CRM puts a disqualified contact back to MQL: it qualifies again (doc def_recycled)
    select
        history_on_survivors.contact_id,
        min(history_on_survivors.changed_at) as crm_requalified_at
    from history_on_survivors
    inner join crm_lifecycle_stages
        on lower(history_on_survivors.property_value) = crm_lifecycle_stages.crm_lifecycle_stage
    inner join disqualifications
        on history_on_survivors.contact_id = disqualifications.contact_id
    where
        history_on_survivors.property_name = 'lifecyclestage'
        and crm_lifecycle_stages.stage = 'mql'
        and history_on_survivors.changed_at > disqualifications.crm_disqualified_at
    group by 1
),

final as (
    select
        disqualifications.contact_id,
        disqualifications.crm_disqualified_at,
        disqualifications.crm_latest_disqualified_at,
        reasons_ranked.disqualification_reason as crm_disqualification_reason,
        reopenings.crm_requalified_at
    from disqualifications
    left join reasons_ranked
        on
            disqualifications.contact_id = reasons_ranked.contact_id
            and reasons_ranked.reason_rank = 1
    left join reopenings
        on disqualifications.contact_id = reopenings.contact_id
)

select * from final
