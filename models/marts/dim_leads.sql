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

deals as (
    select * from {{ ref('int_deals_categorized') }}
),

source_channels as (
    select * from {{ ref('original_source_channels') }}
),

current_scores as (
    select
        contact_id,
        lead_score,
        fit_score,
        behavior_score,
        distinct_action_count
    from scores
    where valid_to is null
),

max_scores as (
    select
        contact_id,
        max(lead_score) as max_lead_score
    from scores
    group by 1
),

won_deals as (
    select
        deals.surviving_contact_id as contact_id,
        count(*) as won_deal_count,
        sum(
            case
                when deals.currency_code = '{{ var("default_currency_code") }}' then deals.amount
            end
        ) as won_revenue
    from deals
    where
        deals.is_won
        and not deals.is_deleted
    group by 1
),

joined as (
    select
        lifecycles.contact_id as lead_id,
        lifecycles.created_at as contact_created_at,
        lifecycles.has_created_date,
        lifecycles.lead_at,
        lifecycles.mql_at,
        qualifications.mql_qualification_path,
        lifecycles.crm_mql_at,
        lifecycles.qualifies_as_mql_at,
        lifecycles.sql_at,
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
        lifecycles.has_deal,
        lifecycles.has_won_deal,
        cast(current_scores.lead_score as {{ dbt.type_int() }}) as lead_score,
        cast(current_scores.fit_score as {{ dbt.type_int() }}) as fit_score,
        cast(current_scores.behavior_score as {{ dbt.type_int() }}) as behavior_score,
        cast(current_scores.distinct_action_count as {{ dbt.type_int() }}) as distinct_action_count,
        cast(max_scores.max_lead_score as {{ dbt.type_int() }}) as max_lead_score,
        touches.lead_first_touch_channel as first_touch_channel,
        touches.lead_first_touch_source as first_touch_source,
        touches.lead_first_touch_campaign as first_touch_campaign,
        touches.lead_last_touch_channel as last_touch_channel,
        touches.lead_last_touch_source as last_touch_source,
        touches.lead_last_touch_campaign as last_touch_campaign,
        touches.mql_first_touch_channel,
        touches.mql_last_touch_channel,
        touches.lead_touch_count,
        source_channels.channel as original_source_channel,
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
        won_deals.won_deal_count,
        won_deals.won_revenue,
        lifecycles.is_lead,
        lifecycles.is_suspect,
        lifecycles.is_contactable,
        lifecycles.is_deleted,
        contacts.is_imported
    from lifecycles
    left join contacts
        on lifecycles.contact_id = contacts.contact_id
    left join companies
        on contacts.company_id = companies.company_id
    left join current_scores
        on lifecycles.contact_id = current_scores.contact_id
    left join max_scores
        on lifecycles.contact_id = max_scores.contact_id
    left join qualifications
        on lifecycles.contact_id = qualifications.contact_id
    left join touches
        on lifecycles.contact_id = touches.contact_id
    left join won_deals
        on lifecycles.contact_id = won_deals.contact_id
    left join source_channels
        on contacts.original_source = source_channels.original_source
),

final as (
    select
        lead_id,
        contact_created_at,
        has_created_date,
        lead_at,
        lead_at is not null as has_lead_date,
        cast({{ dbt.date_trunc('month', 'lead_at') }} as date) as lead_month,
        mql_at,
        cast({{ dbt.date_trunc('month', 'mql_at') }} as date) as mql_month,
        mql_qualification_path,
        crm_mql_at,
        qualifies_as_mql_at,
        sql_at,
        cast({{ dbt.date_trunc('month', 'sql_at') }} as date) as sql_month,
        crm_sql_at,
        qualifies_as_sql_at,
        prospect_at,
        opportunity_at,
        customer_at,
        disqualified_at,
        disqualification_reason,
        recycled_at,
        current_stage,
        crm_current_stage,
        lead_score,
        fit_score,
        behavior_score,
        distinct_action_count,
        max_lead_score,
        coalesce(first_touch_channel, original_source_channel, 'other') as channel,
        first_touch_channel is not null as has_web_touch,
        first_touch_channel,
        first_touch_source,
        first_touch_campaign,
        last_touch_channel,
        last_touch_source,
        last_touch_campaign,
        mql_first_touch_channel,
        mql_last_touch_channel,
        coalesce(lead_touch_count, 0) as touch_count_before_lead,
        owner_id,
        company_id,
        company_name,
        company_industry,
        company_employee_band,
        company_country_code,
        country_code,
        email_domain,
        job_title,
        original_source,
        original_source_detail,
        coalesce(won_deal_count, 0) as won_deal_count,
        coalesce(won_revenue, 0) as won_revenue,
        '{{ var("default_currency_code") }}' as won_revenue_currency_code,
        {{ days_between('lead_at', 'mql_at') }} as days_lead_to_mql,
        {{ days_between('mql_at', 'sql_at') }} as days_mql_to_sql,
        {{ days_between('lead_at', 'sql_at') }} as days_lead_to_sql,
        {{ days_between('sql_at', 'opportunity_at') }} as days_sql_to_opportunity,
        {{ days_between('opportunity_at', 'customer_at') }}
            as days_opportunity_to_customer,
        {{ days_between('lead_at', 'customer_at') }} as days_lead_to_customer,
        is_lead,
        is_suspect,
        is_contactable,
        is_deleted,
        coalesce(is_imported, false) as is_imported,
        is_lead and not is_deleted as is_funnel_lead,
        mql_at is not null as is_mql,
        sql_at is not null as is_sql,
        opportunity_at is not null or has_deal as is_opportunity,
        customer_at is not null or has_won_deal as is_customer,
        disqualified_at is not null as is_disqualified,
        recycled_at is not null as is_recycled,
        crm_mql_at is not null and qualifies_as_mql_at is null as is_crm_only_mql,
        qualifies_as_mql_at is not null and crm_mql_at is null as is_definition_only_mql
    from joined
)

select * from final
