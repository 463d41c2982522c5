{#-
    One row per deal that is not deleted (doc deal_stage_category, deal_dates): its
    pipeline and stage, the stage's category (open / won / lost), dates that degrade
    instead of dropping the deal, amount and currency, days to close, owner, lead,
    company and the lead's channel. The win rate is won / (won + lost) over deals
    closed in a period (semantic layer), so open deals never count against it.
-#}

with

deals as (
    select * from {{ ref('int_deals_categorized') }}
    where not is_deleted
),

leads as (
    select * from {{ ref('dim_leads') }}
),

final as (
    select
        deals.deal_id as opportunity_id,
        deals.pipeline,
        deals.deal_stage,
        deals.stage_category,
        deals.is_stage_mapped,
        deals.is_closed,
        deals.is_won,
        deals.is_lost,
        deals.created_at,
        cast({{ dbt.date_trunc('month', 'deals.created_at') }} as date) as created_month,
        deals.has_created_date,
        deals.closed_at,
        cast({{ dbt.date_trunc('month', 'deals.closed_at') }} as date) as closed_month,
        deals.expected_close_at,
        deals.amount,
        deals.currency_code,
        {{ days_between('deals.created_at', 'deals.closed_at') }} as days_to_close,
        deals.closed_lost_reason,
        deals.owner_id,
        deals.surviving_contact_id as lead_id,
        deals.company_id,
        coalesce(leads.channel, 'other') as channel,
        coalesce(leads.is_funnel_lead, false) as is_funnel_lead
    from deals
    left join leads
        on deals.surviving_contact_id = leads.lead_id
)

select * from final
