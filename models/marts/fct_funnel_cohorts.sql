{#-
    Funnel by lead-creation month (cohort) and channel: how many of the cohort's
    leads reached each stage (at any time so far), the step and cumulative
    conversion rates and the median days between stages.
-#}
{%- set stages = {
    'mql': 'mqls', 'sql': 'sqls', 'opportunity': 'opportunities', 'customer': 'customers',
} -%}
{%- set steps = [
    ('lead', 'mql'), ('mql', 'sql'), ('sql', 'opportunity'), ('opportunity', 'customer')
] -%}
{%- set plural = dict(stages, lead='leads') -%}

with

-- a cohort is a lead-creation month: leads whose export dates none of their
-- evidence belong to no cohort (they count in dim_leads' totals)
leads as (
    select * from {{ ref('dim_leads') }}
    where is_funnel_lead and lead_at is not null
),

cohorts as (
    select
        lead_month as cohort_month,
        channel,
        count(*) as leads_count,
        {% for stage in stages -%}
            sum(case when {{ stage }}_at is not null then 1 else 0 end)
                as {{ stages[stage] }}_count,
        {% endfor -%}
        sum(won_revenue) as won_revenue,
        {{ median('days_lead_to_mql') }} as median_days_lead_to_mql,
        {{ median('days_mql_to_sql') }} as median_days_mql_to_sql,
        {{ median('days_sql_to_opportunity') }} as median_days_sql_to_opportunity,
        {{ median('days_opportunity_to_customer') }} as median_days_opportunity_to_customer,
        {{ median('days_lead_to_customer') }} as median_days_lead_to_customer
    from leads
    group by 1, 2
),

final as (
    select
        {{ generate_surrogate_key(['cohort_month', 'channel']) }} as funnel_cohort_id,
        cohort_month,
        channel,
        leads_count,
        {% for stage in stages -%}
            cast({{ stages[stage] }}_count as {{ dbt.type_bigint() }}) as {{ stages[stage] }}_count,
        {% endfor -%}
        {% for from_stage, to_stage in steps -%}
            {{ safe_divide(plural[to_stage] ~ '_count', plural[from_stage] ~ '_count') }}
                as {{ from_stage }}_to_{{ to_stage }}_rate,
        {% endfor -%}
        {% for stage in stages if stage != 'mql' -%}
            {#- lead_to_mql_rate is already the first step rate -#}
            {{ safe_divide(stages[stage] ~ '_count', 'leads_count') }} as lead_to_{{ stage }}_rate,
        {% endfor -%}
        won_revenue,
        median_days_lead_to_mql,
        median_days_mql_to_sql,
        median_days_sql_to_opportunity,
        median_days_opportunity_to_customer,
        median_days_lead_to_customer
    from cohorts
)

select * from final
