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

users as (
    select * from {{ ref('stg_crm__users') }}
),

engagements as (
    select * from {{ ref('stg_crm__engagements') }}
),

deals as (
    select * from {{ ref('stg_crm__deals') }}
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

engagements_on_survivors as (
    select
        engagements.*,
        coalesce(contacts_merged.surviving_contact_id, engagements.contact_id)
            as surviving_contact_id,
        upper(users.role) as owner_role
    from engagements
    left join contacts_merged
        on engagements.contact_id = contacts_merged.contact_id
    left join users
        on engagements.owner_id = users.user_id
    where not coalesce(engagements.is_deleted, false)
),

conversations as (
    select
        surviving_contact_id as contact_id,
        min(occurred_at) as first_conversation_at
    from engagements_on_survivors
    where
        (lower(engagement_type) = 'call' and lower(outcome) = 'connected')
        or (lower(engagement_type) = 'meeting' and lower(outcome) = 'completed')
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

deals_on_survivors as (
    select
        coalesce(contacts_merged.surviving_contact_id, deals.contact_id) as contact_id,
        min(deals.created_at) as opportunity_at,
        min(case when deals.is_won then deals.closed_at end) as customer_at
    from deals
    left join contacts_merged
        on deals.contact_id = contacts_merged.contact_id
    where not coalesce(deals.is_deleted, false)
    group by 1
),

milestones as (
    select
        surviving_contacts.contact_id,
        surviving_contacts.owner_id,
        surviving_contacts.is_deleted,
        surviving_contacts.is_imported,
        surviving_contacts.created_at,
        coalesce(surviving_contacts.has_phone, false)
        or coalesce(signal_summaries.has_shared_phone, false) as is_contactable,
        {{ earliest_timestamp([
            'signal_summaries.first_data_shared_at',
            'conversations.first_conversation_at',
            'case when not coalesce(surviving_contacts.is_imported, false)'
            ~ ' then crm_stages.crm_first_funnel_stage_at end',
        ]) }} as lead_at,
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
        crm_stages.crm_current_stage,
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
),

prospects as (
    {%- if var('enable_prospect_stage') %}
    select
        milestones.contact_id,
        min(engagements_on_survivors.occurred_at) as prospect_at
    from milestones
    inner join engagements_on_survivors
        on milestones.contact_id = engagements_on_survivors.surviving_contact_id
    where
        lower(engagements_on_survivors.engagement_type) = 'meeting'
        and lower(engagements_on_survivors.outcome) = 'completed'
        and lower(engagements_on_survivors.owner_role)
        in {{ lifecycle_sql_list(var('prospect_qualifying_roles')) }}
        and engagements_on_survivors.occurred_at > milestones.sql_at
    group by 1
    {%- else %}
    -- enable_prospect_stage is false: no prospect stage
        select
            contact_id,
            cast(null as {{ dbt.type_timestamp() }}) as prospect_at
        from milestones
        where 1 = 0
    {%- endif %}
),

score_requalifications as (
    -- a new signal after the disqualification that brings the score back over the
    -- bar from under it (a score that never fell is not a new qualification)
    select
        milestones.contact_id,
        min(scores.valid_from) as requalified_at
    from milestones
    inner join scores
        on milestones.contact_id = scores.contact_id
    where
        scores.valid_from > milestones.disqualified_at
        and scores.new_signals > 0
        and scores.crossed_mql_bar
    group by 1
),

conversation_requalifications as (
    select
        milestones.contact_id,
        min(signals.occurred_at) as requalified_at
    from milestones
    inner join signals
        on milestones.contact_id = signals.contact_id
    where
        signals.occurred_at > milestones.disqualified_at
        and signals.is_qualified_conversation
    group by 1
),

recycles as (
    select
        milestones.contact_id,
        {{ earliest_timestamp([
            'score_requalifications.requalified_at',
            'conversation_requalifications.requalified_at',
            'milestones.crm_requalified_at',
        ]) }} as recycled_at
    from milestones
    left join score_requalifications
        on milestones.contact_id = score_requalifications.contact_id
    left join conversation_requalifications
        on milestones.contact_id = conversation_requalifications.contact_id
    where milestones.disqualified_at is not null
),

final as (
    select
        milestones.contact_id,
        milestones.lead_at is null as is_suspect,
        milestones.lead_at is not null as is_lead,
        coalesce(
            milestones.lead_at is null
            and milestones.is_imported
            and (
                milestones.first_engaged_at is null
                or milestones.first_engaged_at > {{ dbt.dateadd(
                    'day', inactivity_days, 'milestones.created_at'
                ) }}
            ),
            false
        ) as is_cold_suspect,
        milestones.lead_at,
        milestones.crm_lead_at,
        milestones.crm_mql_at,
        milestones.qualifies_as_mql_at,
        milestones.mql_qualification_path,
        milestones.mql_at,
        milestones.crm_sql_at,
        milestones.qualifies_as_sql_at,
        milestones.sql_at,
        milestones.sales_accepted_by_user_id,
        prospects.prospect_at,
        milestones.opportunity_at,
        milestones.customer_at,
        milestones.disqualified_at,
        milestones.disqualification_reason,
        recycles.recycled_at,
        milestones.latest_disqualified_at,
        case
            when milestones.customer_at is not null then 'customer'
            when
                milestones.disqualified_at is not null
                and (
                    recycles.recycled_at is null
                    or milestones.latest_disqualified_at > recycles.recycled_at
                )
                then 'disqualified'
            when milestones.opportunity_at is not null then 'opportunity'
            when prospects.prospect_at is not null then 'prospect'
            when milestones.sql_at is not null then 'sql'
            when milestones.mql_at is not null then 'mql'
            when milestones.lead_at is not null then 'lead'
            else 'suspect'
        end as current_stage,
        milestones.crm_current_stage,
        milestones.crm_skipped_stages,
        milestones.owner_id,
        milestones.is_contactable,
        milestones.is_deleted,
        milestones.is_imported,
        milestones.created_at
    from milestones
    left join prospects
        on milestones.contact_id = prospects.contact_id
    left join recycles
        on milestones.contact_id = recycles.contact_id
)

select * from final
