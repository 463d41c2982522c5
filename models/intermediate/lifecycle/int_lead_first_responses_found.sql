{#-
    The first responses of sales to each funnel lead, the events that stop the
    response-SLA clocks (seed sla_policy, doc sla_policy): the first sales touch at or
    after the MQL (doc var_sales_touch: an engagement of a type in var
    sales_touch_engagement_types by a user whose role is in var sales_rep_roles, not
    inbound, not deleted) and the next step at or after the SQL (a meeting by a sales
    rep or a deal created). Engagements and deals of merged records count for the
    surviving contact. One row per funnel lead with at least one response.
-#}

with

leads as (
    select * from {{ ref('int_lead_lifecycles_derived') }}
    where is_lead and not is_deleted
),

engagements as (
    select * from {{ ref('int_engagements_remapped') }}
),

deals as (
    select * from {{ ref('int_deals_categorized') }}
),

users as (
    select * from {{ ref('stg_crm__users') }}
),

sales_engagements as (
    select
        engagements.contact_id,
        engagements.engagement_type,
        engagements.occurred_at
    from engagements
    inner join users
        on engagements.owner_id = users.user_id
    where
        not engagements.is_deleted
        and {{ is_sales_rep_role('users.role') }}
        and coalesce(engagements.direction, 'outbound') != 'inbound'
        and engagements.engagement_type in (
            {%- for engagement_type in var('sales_touch_engagement_types') %}
                '{{ engagement_type }}'{% if not loop.last %},{% endif %}
            {%- endfor %}
        )
),

first_touches as (
    select
        leads.contact_id,
        min(sales_engagements.occurred_at) as first_sales_touch_at
    from leads
    inner join sales_engagements
        on
            leads.contact_id = sales_engagements.contact_id
            and leads.mql_at <= sales_engagements.occurred_at
    where leads.mql_at is not null
    group by 1
),

next_step_events as (
    select
        leads.contact_id,
        sales_engagements.occurred_at as event_at
    from leads
    inner join sales_engagements
        on
            leads.contact_id = sales_engagements.contact_id
            and leads.sql_at <= sales_engagements.occurred_at
    where
        leads.sql_at is not null
        and sales_engagements.engagement_type = 'meeting'
    union all
    select
        leads.contact_id,
        deals.created_at as event_at
    from leads
    inner join deals
        on
            leads.contact_id = deals.surviving_contact_id
            and leads.sql_at <= deals.created_at
    where
        leads.sql_at is not null
        and not deals.is_deleted
),

next_steps as (
    select
        contact_id,
        min(event_at) as next_step_at
    from next_step_events
    group by 1
),

final as (
    select
        leads.contact_id,
        first_touches.first_sales_touch_at,
        next_steps.next_step_at
    from leads
    left join first_touches
        on leads.contact_id = first_touches.contact_id
    left join next_steps
        on leads.contact_id = next_steps.contact_id
    where
        first_touches.contact_id is not null
        or next_steps.contact_id is not null
)

select * from final
