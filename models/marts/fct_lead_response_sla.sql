{#-
    Response SLAs (seed sla_policy, doc sla_policy): one row per funnel lead and
    policy whose starting stage the lead reached. The clock starts at mql_at or
    sql_at and stops at the lead's first response (int_lead_first_responses_found):
    the first sales touch after the MQL or the next step after the SQL.
    While no response exists the clock runs to the data cutoff (the latest CRM
    engagement; the end of the data when the CRM logs none), so a lead still waiting
    past its target is already a breach.
-#}

with

leads as (
    select * from {{ ref('dim_leads') }}
    where is_funnel_lead
),

responses as (
    select * from {{ ref('int_lead_first_responses_found') }}
),

engagements as (
    select * from {{ ref('int_engagements_remapped') }}
),

sla_policy as (
    select * from {{ ref('sla_policy') }}
),

dates as (
    select * from {{ ref('dim_dates') }}
),

event_dates as (
    select * from {{ ref('int_event_dates_profiled') }}
),

-- the latest CRM engagement; without any (a CRM that logs no activities), the end of
-- the last day with data of any kind
data_cutoff as (
    select
        coalesce(
            (
                select max(engagements.occurred_at)
                from engagements
                where not engagements.is_deleted
            ),
            cast(
                {{ dbt.dateadd('day', 1, 'max(event_dates.last_plausible_date)') }}
                as {{ dbt.type_timestamp() }}
            )
        ) as cutoff_at
    from event_dates
),

clocks as (
    select
        leads.lead_id,
        sla_policy.sla_id,
        sla_policy.from_stage,
        sla_policy.to_event,
        sla_policy.target_hours,
        sla_policy.use_business_hours,
        leads.owner_id,
        leads.channel,
        case sla_policy.from_stage
            when 'mql' then leads.mql_at
            when 'sql' then leads.sql_at
        end as started_at,
        case sla_policy.to_event
            when 'first_sales_touch' then responses.first_sales_touch_at
            when 'next_step' then responses.next_step_at
        end as responded_at
    from leads
    cross join sla_policy
    left join responses
        on leads.lead_id = responses.contact_id
),

measured as (
    select
        clocks.*,
        coalesce(
            clocks.responded_at,
            greatest(data_cutoff.cutoff_at, clocks.started_at)
        ) as measured_until_at
    from clocks
    cross join data_cutoff
    where clocks.started_at is not null
),

business_seconds as (
    select
        measured.lead_id,
        measured.sla_id,
        sum(
            {{ business_seconds_in_day(
                'measured.started_at', 'measured.measured_until_at', 'dates.date_day'
            ) }}
        ) as business_seconds
    from measured
    inner join dates
        on
            dates.date_day >= cast(measured.started_at as date)
            and dates.date_day <= cast(measured.measured_until_at as date)
    group by 1, 2
),

timed as (
    select
        {{ generate_surrogate_key(['measured.lead_id', 'measured.sla_id']) }} as lead_sla_id,
        measured.lead_id,
        measured.sla_id,
        measured.from_stage,
        measured.to_event,
        measured.target_hours,
        measured.use_business_hours,
        measured.owner_id,
        measured.channel,
        measured.started_at,
        cast({{ dbt.date_trunc('month', 'measured.started_at') }} as date) as started_month,
        measured.responded_at,
        measured.measured_until_at,
        cast(
            {{ dbt.datediff('measured.started_at', 'measured.measured_until_at', 'second') }}
            as {{ type_double() }}
        ) / 3600.0 as calendar_hours,
        cast(coalesce(business_seconds.business_seconds, 0) as {{ type_double() }})
        / 3600.0 as business_hours,
        measured.responded_at is not null as is_responded
    from measured
    left join business_seconds
        on
            measured.lead_id = business_seconds.lead_id
            and measured.sla_id = business_seconds.sla_id
),

flagged as (
    select
        timed.*,
        case
            when timed.use_business_hours then timed.business_hours
            else timed.calendar_hours
        end as elapsed_hours
    from timed
),

final as (
    select
        flagged.*,
        flagged.elapsed_hours > flagged.target_hours as is_breached,
        not flagged.is_responded and flagged.elapsed_hours <= flagged.target_hours
            as is_pending
    from flagged
)

select * from final
