{#-
    The lead definition (docs def_lead, def_suspect): one row per surviving contact, a
    lead when any evidence puts it in the funnel, a suspect otherwise, with the dated
    moment of every stage the evidence gives: the CRM's view next to the written
    definitions', the official MQL and SQL moments, and the deals. Reaching any stage
    makes a lead, so its lead date is its earliest dated funnel evidence, later stages
    included; a lead whose export dates none of it has a null lead_at. Stages once
    reached stay reached.
-#}
{%- set inactivity_days = var('suspect_inactivity_days') | int -%}

with

evidence as (
    select * from {{ ref('int_contact_evidence_summarized') }}
),

crm_stages as (
    select * from {{ ref('int_crm_stages_pivoted') }}
),

mql_qualifications as (
    select * from {{ ref('int_mql_qualifications_evaluated') }}
),

sql_qualifications as (
    select * from {{ ref('int_sql_qualifications_evaluated') }}
),

-- data shared, a logged conversation or a CRM funnel stage (imports count from MQL
-- up); a record that was not imported and whose CRM stage is a funnel stage without a
-- dated change was a lead when it was created (it exists because the person gave us
-- their details)
milestones as (
    select
        evidence.*,
        {{ earliest_timestamp([
            'evidence.first_data_shared_at',
            'evidence.first_conversation_at',
            'case when coalesce(evidence.is_imported, false)'
            ~ ' then crm_stages.crm_first_mql_or_later_at'
            ~ ' else crm_stages.crm_first_funnel_stage_at end',
            'case when evidence.is_crm_record_funnel_stage'
            ~ ' and not coalesce(evidence.is_imported, false)'
            ~ ' and crm_stages.crm_first_funnel_stage_at is null'
            ~ ' and evidence.has_created_date then evidence.created_at end',
        ]) }} as first_lead_evidence_at,
        crm_stages.crm_lead_at,
        crm_stages.crm_mql_at,
        mql_qualifications.qualifies_as_mql_at,
        mql_qualifications.mql_qualification_path,
        {{ official_mql_at('mql_qualifications.qualifies_as_mql_at', 'crm_stages.crm_mql_at') }}
            as official_mql_at,
        crm_stages.crm_sql_at,
        sql_qualifications.qualifies_as_sql_at,
        sql_qualifications.qualifies_as_sql_at as sql_at,
        crm_stages.sales_accepted_by_user_id,
        crm_stages.crm_disqualified_at as disqualified_at,
        crm_stages.crm_latest_disqualified_at as latest_disqualified_at,
        crm_stages.crm_disqualification_reason as disqualification_reason,
        crm_stages.crm_requalified_at,
        coalesce(crm_stages.crm_current_stage, evidence.crm_record_stage)
            as crm_current_stage,
        crm_stages.crm_skipped_stages
    from evidence
    left join crm_stages
        on evidence.contact_id = crm_stages.contact_id
    left join mql_qualifications
        on evidence.contact_id = mql_qualifications.contact_id
    left join sql_qualifications
        on evidence.contact_id = sql_qualifications.contact_id
),

-- an MQL moment after the lead already was an SQL, an opportunity or a customer
-- (a deal sales opened first, a customer who keeps reading) is no MQL: the lead skipped
-- that stage (doc def_mql); qualifies_as_mql_at and crm_mql_at keep both moments
stages as (
    select
        *,
        case
            when official_mql_at > {{ earliest_timestamp([
                'sql_at', 'opportunity_at', 'customer_at',
            ]) }}
                then null
            else official_mql_at
        end as mql_at
    from milestones
),

leads as (
    select
        *,
        {{ earliest_timestamp([
            'first_lead_evidence_at', 'mql_at', 'sql_at', 'opportunity_at', 'customer_at',
        ]) }} as lead_at,
        first_lead_evidence_at is not null
        or mql_at is not null
        or sql_at is not null
        or has_deal
        or is_crm_record_funnel_stage as has_funnel_evidence
    from stages
),

final as (
    select
        contact_id,
        has_funnel_evidence as is_lead,
        not has_funnel_evidence as is_suspect,
        coalesce(
            not has_funnel_evidence
            and is_imported
            and (
                first_engaged_at is null
                or first_engaged_at > {{ dbt.dateadd('day', inactivity_days, 'created_at') }}
            ),
            false
        ) as is_cold_suspect,
        lead_at,
        crm_lead_at,
        crm_mql_at,
        qualifies_as_mql_at,
        mql_qualification_path,
        mql_at,
        crm_sql_at,
        qualifies_as_sql_at,
        sql_at,
        sales_accepted_by_user_id,
        opportunity_at,
        customer_at,
        -- only a lead can be disqualified (doc def_disqualified): a disqualification the
        -- CRM records on a contact without funnel evidence leaves it a suspect
        case when has_funnel_evidence then disqualified_at end as disqualified_at,
        case
            when has_funnel_evidence then disqualification_reason
        end as disqualification_reason,
        case when has_funnel_evidence then latest_disqualified_at end as latest_disqualified_at,
        crm_requalified_at,
        crm_current_stage,
        crm_skipped_stages,
        owner_id,
        is_contactable,
        is_deleted,
        is_imported,
        created_at,
        has_created_date,
        has_deal,
        has_won_deal
    from leads
)

select * from final
