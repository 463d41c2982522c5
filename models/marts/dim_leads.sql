{#-
    One row per lead: every surviving CRM contact the lifecycle engine knows (leads
    and suspects), with its funnel dates, current scores, first/last touch, owner and
    company. Personal data (email, phone, names) is not carried. Stages reached
    without a date in the export (a deal without dates, a stage on a dateless list)
    still set the stage flags; the dates stay null.
-#}
with

lifecycles as (
    select * from {{ ref('int_lead_lifecycles_derived') }}
),

scores as (
    select * from {{ ref('int_lead_scores_accumulated') }}
),

qualifications as (
    select * from {{ ref('int_mql_qualifications_evaluated') }}
),

touches as (
    select * from {{ ref('int_lead_touches_attributed') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

companies as (
    select * from {{ ref('dim_companies') }}
),

contact_deals as (
    select * from {{ ref('int_contact_deals_summarized') }}
),

source_channels as (
    select * from {{ ref('original_source_channels') }}
),

-- the open score state (valid_to null, one per contact) and the highest ever
lead_scores as (
    select
        contact_id,
        max(case when valid_to is null then lead_score end) as lead_score,
        max(case when valid_to is null then fit_score end) as fit_score,
        max(case when valid_to is null then behavior_score end) as behavior_score,
        max(case when valid_to is null then distinct_action_count end) as distinct_action_count,
        max(lead_score) as max_lead_score
    from scores
    group by 1
),

final as (
    select
        lifecycles.contact_id as lead_id,
        lifecycles.created_at as contact_created_at,
        lifecycles.has_created_date,
        lifecycles.lead_at,
        lifecycles.lead_at is not null as has_lead_date,
        cast({{ dbt.date_trunc('month', 'lifecycles.lead_at') }} as date) as lead_month,
        lifecycles.mql_at,
        cast({{ dbt.date_trunc('month', 'lifecycles.mql_at') }} as date) as mql_month,
        qualifications.mql_qualification_path,
        lifecycles.crm_mql_at,
        lifecycles.qualifies_as_mql_at,
        lifecycles.sql_at,
        cast({{ dbt.date_trunc('month', 'lifecycles.sql_at') }} as date) as sql_month,
        lifecycles.crm_sql_at,
        lifecycles.qualifies_as_sql_at,
        lifecycles.prospect_at,
        lifecycles.opportunity_at,
        lifecycles.customer_at,
        lifecycles.disqualified_at,
        lifecycles.disqualification_reason,
        lifecycles.recycled_at,
        lifecycles.current_stage,
        lifecycles.crm_current_stage,
        cast(lead_scores.lead_score as {{ dbt.type_int() }}) as lead_score,
        cast(lead_scores.fit_score as {{ dbt.type_int() }}) as fit_score,
        cast(lead_scores.behavior_score as {{ dbt.type_int() }}) as behavior_score,
        cast(lead_scores.distinct_action_count as {{ dbt.type_int() }}) as distinct_action_count,
        cast(lead_scores.max_lead_score as {{ dbt.type_int() }}) as max_lead_score,
        coalesce(touches.lead_first_touch_channel, source_channels.channel, 'other') as channel,
        touches.lead_first_touch_channel is not null as has_web_touch,
        touches.lead_first_touch_channel as first_touch_channel,
        touches.lead_first_touch_source as first_touch_source,
        touches.lead_first_touch_campaign as first_touch_campaign,
        touches.lead_last_touch_channel as last_touch_channel,
        touches.lead_last_touch_source as last_touch_source,
        touches.lead_last_touch_campaign as last_touch_campaign,
        touches.mql_first_touch_channel,
        touches.mql_last_touch_channel,
        coalesce(touches.lead_touch_count, 0) as touch_count_before_lead,
        lifecycles.owner_id,
        contacts.company_id,
        companies.company_name,
        companies.industry as company_industry,
        companies.employee_band as company_employee_band,
        companies.country_code as company_country_code,
        contacts.country_code,
        contacts.email_domain,
        contacts.job_title,
        contacts.original_source,
        contacts.original_source_detail,
        coalesce(contact_deals.won_deal_count, 0) as won_deal_count,
        coalesce(contact_deals.won_revenue, 0) as won_revenue,
        '{{ var("default_currency_code") }}' as won_revenue_currency_code,
        {{ days_between('lifecycles.lead_at', 'lifecycles.mql_at') }} as days_lead_to_mql,
        {{ days_between('lifecycles.mql_at', 'lifecycles.sql_at') }} as days_mql_to_sql,
        {{ days_between('lifecycles.lead_at', 'lifecycles.sql_at') }} as days_lead_to_sql,
        {{ days_between('lifecycles.sql_at', 'lifecycles.opportunity_at') }}
            as days_sql_to_opportunity,
        {{ days_between('lifecycles.opportunity_at', 'lifecycles.customer_at') }}
            as days_opportunity_to_customer,
        {{ days_between('lifecycles.lead_at', 'lifecycles.customer_at') }}
            as days_lead_to_customer,
        lifecycles.is_lead,
        lifecycles.is_suspect,
        lifecycles.is_contactable,
        lifecycles.is_deleted,
        coalesce(contacts.is_imported, false) as is_imported,
        lifecycles.is_lead and not lifecycles.is_deleted as is_funnel_lead,
        lifecycles.mql_at is not null as is_mql,
        lifecycles.sql_at is not null as is_sql,
        lifecycles.opportunity_at is not null or lifecycles.has_deal as is_opportunity,
        lifecycles.customer_at is not null or lifecycles.has_won_deal as is_customer,
        lifecycles.disqualified_at is not null as is_disqualified,
        lifecycles.recycled_at is not null as is_recycled,
        lifecycles.crm_mql_at is not null and lifecycles.qualifies_as_mql_at is null
            as is_crm_only_mql,
        lifecycles.qualifies_as_mql_at is not null and lifecycles.crm_mql_at is null
            as is_definition_only_mql
    from lifecycles
    left join contacts
        on lifecycles.contact_id = contacts.contact_id
    left join companies
        on contacts.company_id = companies.company_id
    left join lead_scores
        on lifecycles.contact_id = lead_scores.contact_id
    left join qualifications
        on lifecycles.contact_id = qualifications.contact_id
    left join touches
        on lifecycles.contact_id = touches.contact_id
    left join contact_deals
        on lifecycles.contact_id = contact_deals.contact_id
    left join source_channels
        on contacts.original_source = source_channels.original_source
)

select * from final
