{#-
    One row per surviving contact (leads and suspects) with its whole stage timeline
    and its current stage (doc def_current_stage): the lead definition's moments
    (int_leads_identified) with the prospect stage and recycling beside them. Stages
    once reached stay reached; a won deal makes a customer even after a
    disqualification, and a disqualification stands until the lead is recycled.
-#}

with

leads as (
    select * from {{ ref('int_leads_identified') }}
),

prospects as (
    select * from {{ ref('int_lead_prospects_identified') }}
),

recycles as (
    select * from {{ ref('int_lead_recycles_identified') }}
),

final as (
    select
        leads.contact_id,
        leads.is_suspect,
        leads.is_lead,
        leads.is_cold_suspect,
        leads.lead_at,
        leads.crm_lead_at,
        leads.crm_mql_at,
        leads.qualifies_as_mql_at,
        leads.mql_qualification_path,
        leads.mql_at,
        leads.crm_sql_at,
        leads.qualifies_as_sql_at,
        leads.sql_at,
        leads.sales_accepted_by_user_id,
        prospects.prospect_at,
        leads.opportunity_at,
        leads.customer_at,
        leads.disqualified_at,
        leads.disqualification_reason,
        recycles.recycled_at,
        leads.latest_disqualified_at,
        case
            when leads.customer_at is not null or leads.has_won_deal then 'customer'
            when
                leads.disqualified_at is not null
                and (
                    recycles.recycled_at is null
                    or leads.latest_disqualified_at > recycles.recycled_at
                )
                then 'disqualified'
            when leads.opportunity_at is not null or leads.has_deal then 'opportunity'
            when prospects.prospect_at is not null then 'prospect'
            when leads.sql_at is not null then 'sql'
            when leads.mql_at is not null then 'mql'
            when leads.is_lead then 'lead'
            else 'suspect'
        end as current_stage,
        leads.crm_current_stage,
        leads.crm_skipped_stages,
        leads.owner_id,
        leads.is_contactable,
        leads.is_deleted,
        leads.is_imported,
        leads.created_at,
        leads.has_created_date,
        leads.has_deal,
        leads.has_won_deal
    from leads
    left join prospects
        on leads.contact_id = prospects.contact_id
    left join recycles
        on leads.contact_id = recycles.contact_id
)

select * from final
