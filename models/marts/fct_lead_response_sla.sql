{#-
    Response SLAs (seed sla_policy, doc sla_policy): one row per funnel lead and
    policy whose starting stage the lead reached. The clock starts at mql_at or
    sql_at and stops at the first sales touch after the MQL (doc var_sales_touch)
    or at the next step after the SQL (a meeting by a sales rep or a deal created).
    While no response exists the clock runs to the data cutoff (the latest CRM
    engagement; the end of the data when the CRM logs none), so a lead still waiting
    past its target is already a breach.
-#}

with

leads as (
    select * from {{ ref('dim_leads') }}
    where is_funnel_lead
),

engagements as (
    select * from {{ ref('int_engagements_remapped') }}
),

deals as (
    select * from {{ ref('int_deals_categorized') }}
),

sales_reps as (
    select * from {{ ref('dim_sales_reps') }}
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

sales_engagements as (
    select
        engagements.contact_id as lead_id,
        engagements.engagement_type,
        engagements.occurred_at
    from engagements
    inner join sales_reps
        on engagements.owner_id = sales_reps.sales_rep_id
    where
        not engagements.is_deleted
        and sales_reps.is_sales_role
        and coalesce(engagements.direction, 'outbound') != 'inbound'
        and engagements.engagement_type in (
            {%- for engagement_type in var('sales_touch_engagement_types') %}
                '{{ engagement_type }}'{% if not loop.last %},{% endif %}
            {%- endfor %}
        )
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

first_touches as (
    select
        leads.lead_id,
        min(sales_engagements.occurred_at) as responded_at
    from leads
    inner join sales_engagements
        on
            leads.lead_id = sales_engagements.lead_id
            and leads.mql_at <= sales_engagements.occurred_at
    where leads.mql_at is not null
    group by 1
),

next_step_events as (
    select
        leads.lead_id,
        sales_engagements.occurred_at as event_at
    from leads
    inner join sales_engagements
        on
            leads.lead_id = sales_engagements.lead_id
            and leads.sql_at <= sales_engagements.occurred_at
    where
        leads.sql_at is not null
        and sales_engagements.engagement_type = 'meeting'
    union all
    select
        leads.lead_id,
        deals.created_at as event_at
    from leads
    inner join deals
        on
            leads.lead_id = deals.surviving_contact_id
            and leads.sql_at <= deals.created_at
    where
        leads.sql_at is not null
        and not deals.is_deleted
),

next_steps as (
    select
        lead_id,
        min(event_at) as responded_at
    from next_step_events
    group by 1
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
            when 'first_sales_touch' then first_touches.responded_at
            when 'next_step' then next_steps.responded_at
        end as responded_at
    from leads
    cross join sla_policy
    left join first_touches
        on leads.lead_id = first_touches.lead_id
    left join next_steps
        on leads.lead_id = next_steps.lead_id
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
