{#-
    Channel and campaign performance by month: leads, MQLs, SQLs, opportunities and
    customers counted in the month each event happened, won revenue of deals closed
    in the month (created month when a won deal has no close date; amounts in the
    reporting currency, var default_currency_code, only: amounts are never converted),
    and ad spend of the month mapped to the same channel and campaign
    (int_ad_spend_channels_mapped), with cost per lead / MQL / SQL / customer.
    A lead's channel and campaign are its first touch before lead creation.

    Why it stays one model of about 185 lines: what is left is one concept, the
    monthly channel x campaign grain where funnel, revenue and spend meet (the spend
    mapping is int_ad_spend_channels_mapped). The funnel and revenue sides group
    dim_leads by its channel and campaign (defined there, doc channel); moving them to
    an intermediate model would make it read a mart.
-#}
{%- set events = {
    'lead': 'leads', 'mql': 'mqls', 'sql': 'sqls',
    'opportunity': 'opportunities', 'customer': 'customers',
} -%}

with

leads as (
    select * from {{ ref('dim_leads') }}
    where is_funnel_lead
),

ad_spend as (
    select * from {{ ref('int_ad_spend_channels_mapped') }}
),

deals as (
    select * from {{ ref('int_deals_categorized') }}
),

lead_events as (
    {% for event in events %}
        select
            lead_id,
            channel,
            coalesce(first_touch_campaign, '(none)') as campaign,
            cast({{ dbt.date_trunc('month', event ~ '_at') }} as date) as month_start_date,
            '{{ event }}' as event_name
        from leads
        where {{ event }}_at is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

event_counts as (
    select
        month_start_date,
        channel,
        campaign,
        {% for event in events -%}
            sum(case when event_name = '{{ event }}' then 1 else 0 end) as {{ events[event] }}_count
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    from lead_events
    group by 1, 2, 3
),

won_revenue as (
    select
        cast(
            {{ dbt.date_trunc('month', 'coalesce(deals.closed_at, deals.created_at)') }} as date
        ) as month_start_date,
        leads.channel,
        coalesce(leads.first_touch_campaign, '(none)') as campaign,
        count(*) as won_deals_count,
        sum(
            case
                when deals.currency_code = '{{ var("default_currency_code") }}' then deals.amount
            end
        ) as won_revenue
    from deals
    inner join leads
        on deals.surviving_contact_id = leads.lead_id
    where
        deals.is_won
        and not deals.is_deleted
    group by 1, 2, 3
),

spend as (
    select
        month_start_date,
        channel,
        campaign,
        sum(spend) as spend,
        sum(impressions) as impressions,
        sum(clicks) as clicks
    from ad_spend
    group by 1, 2, 3
),

grain as (
    select
        month_start_date,
        channel,
        campaign
    from event_counts
    union
    select
        month_start_date,
        channel,
        campaign
    from won_revenue
    union
    select
        month_start_date,
        channel,
        campaign
    from spend
),

monthly_sqls as (
    select
        month_start_date,
        sum(sqls_count) as month_sqls_count
    from event_counts
    group by 1
),

joined as (
    select
        grain.month_start_date,
        grain.channel,
        grain.campaign,
        {% for event in events -%}
            coalesce(event_counts.{{ events[event] }}_count, 0) as {{ events[event] }}_count,
        {% endfor -%}
        coalesce(won_revenue.won_deals_count, 0) as won_deals_count,
        coalesce(won_revenue.won_revenue, 0) as won_revenue,
        coalesce(spend.spend, 0) as spend,
        coalesce(spend.impressions, 0) as impressions,
        coalesce(spend.clicks, 0) as clicks,
        monthly_sqls.month_sqls_count
    from grain
    left join event_counts
        on
            grain.month_start_date = event_counts.month_start_date
            and grain.channel = event_counts.channel
            and grain.campaign = event_counts.campaign
    left join won_revenue
        on
            grain.month_start_date = won_revenue.month_start_date
            and grain.channel = won_revenue.channel
            and grain.campaign = won_revenue.campaign
    left join spend
        on
            grain.month_start_date = spend.month_start_date
            and grain.channel = spend.channel
            and grain.campaign = spend.campaign
    left join monthly_sqls
        on grain.month_start_date = monthly_sqls.month_start_date
),

final as (
    select
        {{ generate_surrogate_key(['month_start_date', 'channel', 'campaign']) }}
            as channel_performance_id,
        month_start_date,
        channel,
        campaign,
        cast(leads_count as {{ dbt.type_bigint() }}) as leads_count,
        cast(mqls_count as {{ dbt.type_bigint() }}) as mqls_count,
        cast(sqls_count as {{ dbt.type_bigint() }}) as sqls_count,
        cast(opportunities_count as {{ dbt.type_bigint() }}) as opportunities_count,
        cast(customers_count as {{ dbt.type_bigint() }}) as customers_count,
        {{ safe_divide('sqls_count', 'month_sqls_count') }} as sql_share,
        {{ safe_divide('sqls_count', 'mqls_count') }} as mql_to_sql_rate,
        won_deals_count,
        won_revenue,
        spend,
        cast(impressions as {{ dbt.type_bigint() }}) as impressions,
        cast(clicks as {{ dbt.type_bigint() }}) as clicks,
        {{ safe_divide('spend', 'leads_count') }} as cost_per_lead,
        {{ safe_divide('spend', 'mqls_count') }} as cost_per_mql,
        {{ safe_divide('spend', 'sqls_count') }} as cost_per_sql,
        {{ safe_divide('spend', 'customers_count') }} as cost_per_customer
    from joined
)

select * from final
