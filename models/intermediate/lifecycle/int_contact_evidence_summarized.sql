{#-
    The evidence every source gives about a contact, summarised once per surviving
    contact (records merged into it included): the data it shared and when, its first
    logged conversation and first engagement, its deals, and the stage on its CRM
    record. int_leads_identified weighs this evidence with the CRM's stage history and
    the MQL and SQL definitions to decide who is a lead and when.
-#}

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

contact_deals as (
    select * from {{ ref('int_contact_deals_summarized') }}
),

crm_lifecycle_stages as (
    select * from {{ ref('crm_lifecycle_stages') }}
),

signals as (
    select * from {{ ref('int_lead_signals_unioned') }}
),

crm_stages as (
    select * from {{ ref('int_crm_stages_pivoted') }}
),

surviving_contacts as (
    select contacts.*
    from contacts
    left join contacts_merged
        on contacts.contact_id = contacts_merged.contact_id
    -- a record missing from the merge table was never merged
    where coalesce(contacts_merged.is_surviving, true)
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

-- the CRM's current stage on the contact record: evidence of a funnel stage even when
-- the export has no history of it; imports count from MQL up
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
        from contact_deals
    ) as evidence
    group by 1
),

final as (
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
        signal_summaries.first_data_shared_at,
        conversations.first_conversation_at,
        {{ earliest_timestamp([
            'signal_summaries.first_signal_at', 'conversations.first_conversation_at'
        ]) }} as first_engaged_at,
        current_crm_stages.crm_record_stage,
        coalesce(current_crm_stages.is_crm_record_funnel_stage, false)
            as is_crm_record_funnel_stage,
        contact_deals.contact_id is not null as has_deal,
        coalesce(contact_deals.has_won_deal, false) as has_won_deal,
        contact_deals.opportunity_at,
        contact_deals.customer_at
    from surviving_contacts
    left join signal_summaries
        on surviving_contacts.contact_id = signal_summaries.contact_id
    left join conversations
        on surviving_contacts.contact_id = conversations.contact_id
    left join contact_deals
        on surviving_contacts.contact_id = contact_deals.contact_id
    left join current_crm_stages
        on surviving_contacts.contact_id = current_crm_stages.contact_id
    left join first_evidence
        on surviving_contacts.contact_id = first_evidence.contact_id
)

select * from final
