{#-
    One row per surviving contact (leads and suspects) with its stage timeline: the
    CRM's view next to the written definitions' view, the official moments, and the
    current stage (docs def_lead ... def_current_stage). Stages once reached stay
    reached. Deleted contacts are kept with is_deleted so funnels can exclude them.
-#}
{%- set inactivity_days = var('suspect_inactivity_days') | int -%}

with

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

engagements as (
    select * from {{ ref('int_engagements_remapped') }}
    where not is_deleted
),

deals as (
    select * from {{ ref('int_deals_categorized') }}
),

crm_lifecycle_stages as (
    select * from {{ ref('crm_lifecycle_stages') }}
),

signals as (
    select * from {{ ref('int_lead_signals_unioned') }}
),

scores as (
    select * from {{ ref('int_lead_scores_accumulated') }}
),

mql_qualifications as (
    select * from {{ ref('int_mql_qualifications_evaluated') }}
),

sql_qualifications as (
    select * from {{ ref('int_sql_qualifications_evaluated') }}
),

crm_stages as (
    select * from {{ ref('int_crm_stages_pivoted') }}
),

surviving_contacts as (
    select contacts.*
    from contacts
    left join contacts_merged
        on contacts.contact_id = contacts_merged.contact_id
    where coalesce(contacts_merged.surviving_contact_id, contacts.contact_id) = contacts.contact_id
),

conversations as (
    select
        contact_id,
        min(occurred_at) as first_conversation_at
    from engagements
    where is_logged_conversation
    group by 1
),

signal_summaries as (
    select
        contact_id,
        min(case when creates_lead then occurred_at end) as first_data_shared_at,
        min(occurred_at) as first_signal_at,
        max(case when has_phone then 1 else 0 end) = 1 as has_shared_phone
    from signals
    group by 1
),

-- a deal without any creation date was an opportunity at the latest when it closed
deals_on_survivors as (
    select
        surviving_contact_id as contact_id,
        min({{ earliest_timestamp(['created_at', 'closed_at']) }}) as opportunity_at,
        min(case when is_won then closed_at end) as customer_at,
        max(case when is_won then 1 else 0 end) = 1 as has_won_deal
    from deals
    where not coalesce(is_deleted, false)
    group by 1
),

-- the CRM's current stage on the contact record: evidence of a funnel stage even when
-- the export has no history of it; imports count from MQL up. Without a dated stage
-- change, a record that was not imported was a lead when it was created (it exists
-- because the person gave us their details); otherwise the evidence stays undated
current_crm_stages as (
    select
        surviving_contacts.contact_id,
        crm_lifecycle_stages.stage as crm_record_stage,
        coalesce(
            crm_lifecycle_stages.crm_stage_order
            >= case when coalesce(surviving_contacts.is_imported, false) then 2 else 1 end,
            false
        ) as is_crm_record_funnel_stage
    from surviving_contacts
    inner join crm_lifecycle_stages
        on lower(surviving_contacts.crm_lifecycle_stage) = crm_lifecycle_stages.crm_lifecycle_stage
),

-- the earliest dated evidence of the contact in any source: the creation date of a
-- record exported without one
first_evidence as (
    select
        contact_id,
        min(evidence_at) as first_evidence_at
    from (
        select
            contact_id,
            first_signal_at as evidence_at
        from signal_summaries
        union all
        select
            contact_id,
            min(occurred_at) as evidence_at
        from engagements
        group by 1
        union all
        select
            contact_id,
            crm_first_change_at as evidence_at
        from crm_stages
        union all
        select
            contact_id,
            opportunity_at as evidence_at
        from deals_on_survivors
    ) as evidence
    group by 1
),

milestones as (
    select
        surviving_contacts.contact_id,
        surviving_contacts.owner_id,
        surviving_contacts.is_deleted,
        surviving_contacts.is_imported,
        coalesce(surviving_contacts.created_at, first_evidence.first_evidence_at)
            as created_at,
        surviving_contacts.created_at is not null as has_created_date,
        coalesce(surviving_contacts.has_phone, false)
        or coalesce(signal_summaries.has_shared_phone, false) as is_contactable,
        {{ earliest_timestamp([
            'signal_summaries.first_data_shared_at',
            'conversations.first_conversation_at',
            'case when coalesce(surviving_contacts.is_imported, false)'
            ~ ' then crm_stages.crm_first_mql_or_later_at'
            ~ ' else crm_stages.crm_first_funnel_stage_at end',
            'case when current_crm_stages.is_crm_record_funnel_stage'
            ~ ' and not coalesce(surviving_contacts.is_imported, false)'
            ~ ' and crm_stages.crm_first_funnel_stage_at is null'
            ~ ' then surviving_contacts.created_at end',
        ]) }} as first_lead_evidence_at,
        coalesce(current_crm_stages.is_crm_record_funnel_stage, false)
            as has_undated_crm_stage,
        deals_on_survivors.contact_id is not null as has_deal,
        coalesce(deals_on_survivors.has_won_deal, false) as has_won_deal,
        {{ earliest_timestamp([
            'signal_summaries.first_signal_at', 'conversations.first_conversation_at'
        ]) }} as first_engaged_at,
        crm_stages.crm_lead_at,
        crm_stages.crm_mql_at,
        mql_qualifications.qualifies_as_mql_at,
        mql_qualifications.mql_qualification_path,
        {{ official_mql_at('mql_qualifications.qualifies_as_mql_at', 'crm_stages.crm_mql_at') }}
            as mql_at,
        crm_stages.crm_sql_at,
        sql_qualifications.qualifies_as_sql_at,
        sql_qualifications.qualifies_as_sql_at as sql_at,
        crm_stages.sales_accepted_by_user_id,
        crm_stages.crm_opportunity_at,
        crm_stages.crm_customer_at,
        deals_on_survivors.opportunity_at,
        deals_on_survivors.customer_at,
        crm_stages.crm_disqualified_at as disqualified_at,
        crm_stages.crm_latest_disqualified_at as latest_disqualified_at,
        crm_stages.crm_disqualification_reason as disqualification_reason,
        crm_stages.crm_requalified_at,
        coalesce(crm_stages.crm_current_stage, current_crm_stages.crm_record_stage)
            as crm_current_stage,
        crm_stages.crm_skipped_stages
    from surviving_contacts
    left join signal_summaries
        on surviving_contacts.contact_id = signal_summaries.contact_id
    left join conversations
        on surviving_contacts.contact_id = conversations.contact_id
    left join crm_stages
        on surviving_contacts.contact_id = crm_stages.contact_id
    left join mql_qualifications
        on surviving_contacts.contact_id = mql_qualifications.contact_id
    left join sql_qualifications
        on surviving_contacts.contact_id = sql_qualifications.contact_id
    left join deals_on_survivors
        on surviving_contacts.contact_id = deals_on_survivors.contact_id
    left join current_crm_stages
        on surviving_contacts.contact_id = current_crm_stages.contact_id
    left join first_evidence
        on surviving_contacts.contact_id = first_evidence.contact_id
),

-- reaching any funnel stage makes a contact a lead (doc def_lead): its lead date is
-- its earliest dated funnel evidence, stages and deals included
leads as (
    select
        milestones.*,
        {{ earliest_timestamp([
            'first_lead_evidence_at', 'mql_at', 'sql_at', 'opportunity_at', 'customer_at',
        ]) }} as lead_at,
        milestones.first_lead_evidence_at is not null
        or milestones.mql_at is not null
        or milestones.sql_at is not null
        or milestones.has_deal
        or milestones.has_undated_crm_stage as has_funnel_evidence
    from milestones
),

prospects as (
    {%- if var('enable_prospect_stage') %}
    select
        leads.contact_id,
        min(engagements.occurred_at) as prospect_at
    from leads
    inner join engagements
        on leads.contact_id = engagements.contact_id
    where
        lower(engagements.engagement_type) = 'meeting'
        and engagements.is_logged_conversation
        and lower(engagements.owner_role)
        in {{ lifecycle_sql_list(var('prospect_qualifying_roles')) }}
        and engagements.occurred_at > leads.sql_at
    group by 1
    {%- else %}
    -- enable_prospect_stage is false: no prospect stage
        select
            contact_id,
            cast(null as {{ dbt.type_timestamp() }}) as prospect_at
        from leads
        where 1 = 0
    {%- endif %}
),

score_requalifications as (
    -- a new signal after the disqualification that brings the score back over the
    -- bar from under it (a score that never fell is not a new qualification)
    select
        leads.contact_id,
        min(scores.valid_from) as requalified_at
    from leads
    inner join scores
        on leads.contact_id = scores.contact_id
    where
        scores.valid_from > leads.disqualified_at
        and scores.new_signals > 0
        and scores.crossed_mql_bar
    group by 1
),

conversation_requalifications as (
    select
        leads.contact_id,
        min(signals.occurred_at) as requalified_at
    from leads
    inner join signals
        on leads.contact_id = signals.contact_id
    where
        signals.occurred_at > leads.disqualified_at
        and signals.is_qualified_conversation
    group by 1
),

recycles as (
    select
        leads.contact_id,
        {{ earliest_timestamp([
            'score_requalifications.requalified_at',
            'conversation_requalifications.requalified_at',
            'leads.crm_requalified_at',
        ]) }} as recycled_at
    from leads
    left join score_requalifications
        on leads.contact_id = score_requalifications.contact_id
    left join conversation_requalifications
        on leads.contact_id = conversation_requalifications.contact_id
    where leads.disqualified_at is not null
),

final as (
    select
        leads.contact_id,
        not leads.has_funnel_evidence as is_suspect,
        leads.has_funnel_evidence as is_lead,
        coalesce(
            not leads.has_funnel_evidence
            and leads.is_imported
            and (
                leads.first_engaged_at is null
                or leads.first_engaged_at > {{ dbt.dateadd(
                    'day', inactivity_days, 'leads.created_at'
                ) }}
            ),
            false
        ) as is_cold_suspect,
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
            when leads.has_funnel_evidence then 'lead'
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
