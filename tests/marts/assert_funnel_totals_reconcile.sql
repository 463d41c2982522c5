{{
    config(
        tags=['marts', 'reconciliation', 'funnel_population'],
        meta={
            'checks': (
                'Every mart counts the funnel leads of dim_leads: stage totals agree '
                'across marts'
            )
        }
    )
}}

-- The marts count the same leads: per stage, the funnel leads of dim_leads equal the
-- sum over channels and months of every mart that counts that stage, and the SLA mart
-- has one clock per MQL (SQL) and policy. Stages are counted where they are dated
-- (a lead whose export dates none of its evidence is in no monthly figure). Fails
-- with one row per (mart, measure) whose total differs from dim_leads.
{%- set comparisons = [
    ('fct_funnel_cohorts', 'leads', 'cohorts.leads_count', 'expected.leads_count'),
    ('fct_funnel_cohorts', 'mqls', 'cohorts.mqls_count', 'expected.mqls_count'),
    ('fct_funnel_cohorts', 'sqls', 'cohorts.sqls_count', 'expected.sqls_count'),
    ('fct_funnel_cohorts', 'opportunities', 'cohorts.opportunities_count',
        'expected.opportunities_count'),
    ('fct_funnel_cohorts', 'customers', 'cohorts.customers_count', 'expected.customers_count'),
    ('fct_mql_sql_conversion', 'mqls', 'conversion.mqls_count', 'expected.mqls_count'),
    ('fct_mql_sql_conversion', 'sqls', 'conversion.sqls_count', 'expected.sqls_count'),
    ('fct_channel_performance', 'leads', 'performance.leads_count', 'expected.leads_count'),
    ('fct_channel_performance', 'mqls', 'performance.mqls_count', 'expected.mqls_count'),
    ('fct_channel_performance', 'sqls', 'performance.sqls_count', 'expected.sqls_count'),
    ('fct_channel_performance', 'opportunities', 'performance.opportunities_count',
        'expected.opportunities_count'),
    ('fct_channel_performance', 'customers', 'performance.customers_count',
        'expected.customers_count'),
    ('fct_disqualifications', 'disqualified', 'disqualifications.disqualified_count',
        'expected.disqualified_count'),
    ('fct_lead_response_sla', 'mql clocks', 'sla.mql_clocks',
        'expected.mqls_count * policies.mql_policies'),
    ('fct_lead_response_sla', 'sql clocks', 'sla.sql_clocks',
        'expected.sqls_count * policies.sql_policies'),
] %}

with

expected as (
    select
        count(lead_at) as leads_count,
        count(mql_at) as mqls_count,
        count(sql_at) as sqls_count,
        count(opportunity_at) as opportunities_count,
        count(customer_at) as customers_count,
        count(disqualified_at) as disqualified_count
    from {{ ref('dim_leads') }}
    where is_funnel_lead
),

cohorts as (
    select
        sum(leads_count) as leads_count,
        sum(mqls_count) as mqls_count,
        sum(sqls_count) as sqls_count,
        sum(opportunities_count) as opportunities_count,
        sum(customers_count) as customers_count
    from {{ ref('fct_funnel_cohorts') }}
),

conversion as (
    select
        sum(mqls_count) as mqls_count,
        sum(sqls_count) as sqls_count
    from {{ ref('fct_mql_sql_conversion') }}
),

performance as (
    select
        sum(leads_count) as leads_count,
        sum(mqls_count) as mqls_count,
        sum(sqls_count) as sqls_count,
        sum(opportunities_count) as opportunities_count,
        sum(customers_count) as customers_count
    from {{ ref('fct_channel_performance') }}
),

disqualifications as (
    select sum(disqualified_leads_count) as disqualified_count
    from {{ ref('fct_disqualifications') }}
),

sla as (
    select
        sum(case when from_stage = 'mql' then 1 else 0 end) as mql_clocks,
        sum(case when from_stage = 'sql' then 1 else 0 end) as sql_clocks
    from {{ ref('fct_lead_response_sla') }}
),

policies as (
    select
        sum(case when from_stage = 'mql' then 1 else 0 end) as mql_policies,
        sum(case when from_stage = 'sql' then 1 else 0 end) as sql_policies
    from {{ ref('sla_policy') }}
),

comparisons as (
    {% for mart, measure, mart_total, expected_total in comparisons %}
        select
            '{{ mart }}' as mart,
            '{{ measure }}' as measure,
            {{ mart_total }} as mart_total,
            {{ expected_total }} as expected_total
        from expected
        cross join cohorts
        cross join conversion
        cross join performance
        cross join disqualifications
        cross join sla
        cross join policies
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select *
from comparisons
where coalesce(mart_total, 0) != coalesce(expected_total, 0)
