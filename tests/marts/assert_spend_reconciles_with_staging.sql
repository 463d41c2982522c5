{{
    config(
        tags=['marts', 'reconciliation'],
        meta={
            'checks': (
                'All ad spend of staging and all won revenue of funnel leads reach '
                'fct_channel_performance once'
            )
        }
    )
}}

-- Every euro of ad spend in staging lands in fct_channel_performance exactly once
-- (mapped to one channel), and the won revenue of the mart equals the won deals of
-- funnel leads. Fails with the measure that differs.
with

staged_spend as (
    select sum(spend) as total from {{ ref('stg_marketing__ad_spend') }}
),

mart as (
    select
        sum(spend) as spend_total,
        sum(won_revenue) as won_revenue_total
    from {{ ref('fct_channel_performance') }}
),

won_revenue as (
    select sum(won_revenue) as total
    from {{ ref('dim_leads') }}
    where is_funnel_lead
),

comparisons as (
    select
        'spend' as measure,
        mart.spend_total as mart_total,
        staged_spend.total as expected_total
    from mart
    cross join staged_spend
    union all
    select
        'won revenue' as measure,
        mart.won_revenue_total as mart_total,
        won_revenue.total as expected_total
    from mart
    cross join won_revenue
)

select *
from comparisons
where abs(coalesce(mart_total, 0) - coalesce(expected_total, 0)) > 0.01
