{#-
    Stage history per contact (doc def_stage_history): the official stage from one
    moment to the next, contiguous and non-overlapping. Stages reached (suspect, lead,
    mql, sql, prospect, opportunity, customer) come from int_lead_lifecycles_derived
    and stay reached; disqualification periods overlay them (a customer is never
    shown disqualified). The disqualification periods come from
    int_lead_disqualification_periods_derived (CRM property history or snapshot).
-#}
with

lifecycles as (
    select * from {{ ref('int_lead_lifecycles_derived') }}
),

disqualified_periods as (
    select * from {{ ref('int_lead_disqualification_periods_derived') }}
),

milestones as (
    {%- set milestones = [
        ('suspect', 0, 'created_at', "'crm'"),
        ('lead', 1, 'lead_at', "'definition'"),
        ('mql', 2, 'mql_at',
            "case when mql_at = qualifies_as_mql_at then 'definition' else 'crm' end"),
        ('sql', 3, 'sql_at', "'definition'"),
        ('prospect', 4, 'prospect_at', "'definition'"),
        ('opportunity', 5, 'opportunity_at', "'crm'"),
        ('customer', 6, 'customer_at', "'crm'"),
    ] %}
    {%- for stage, stage_order, column, source in milestones %}
        select
            contact_id,
            '{{ stage }}' as stage,  -- noqa: RF04
            {{ stage_order }} as stage_order,
            {{ column }} as entered_at,
            {{ source }} as stage_source
        from lifecycles
        where {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

boundaries as (
    select
        contact_id,
        entered_at as boundary_at
    from milestones
    union
    select
        contact_id,
        period_start as boundary_at
    from disqualified_periods
    where period_start is not null
    union
    select
        contact_id,
        period_end as boundary_at
    from disqualified_periods
    where period_end is not null
),

stages_reached_at_boundaries as (
    select
        boundaries.contact_id,
        boundaries.boundary_at,
        milestones.stage,
        milestones.stage_order,
        milestones.stage_source,
        row_number() over (
            partition by boundaries.contact_id, boundaries.boundary_at
            order by milestones.stage_order desc
        ) as reach_rank
    from boundaries
    inner join milestones
        on
            boundaries.contact_id = milestones.contact_id
            and boundaries.boundary_at >= milestones.entered_at
),

disqualified_at_boundaries as (
    select
        boundaries.contact_id,
        boundaries.boundary_at,
        min(disqualified_periods.stage_source) as stage_source
    from boundaries
    inner join disqualified_periods
        on
            boundaries.contact_id = disqualified_periods.contact_id
            and boundaries.boundary_at >= disqualified_periods.period_start
            and (
                disqualified_periods.period_end is null
                or boundaries.boundary_at < disqualified_periods.period_end
            )
    group by 1, 2
),

states as (
    select
        stages_reached_at_boundaries.contact_id,
        stages_reached_at_boundaries.boundary_at,
        case
            when
                disqualified_at_boundaries.contact_id is not null
                and stages_reached_at_boundaries.stage <> 'customer'
                then 'disqualified'
            else stages_reached_at_boundaries.stage
        end as stage,  -- noqa: RF04
        case
            when
                disqualified_at_boundaries.contact_id is not null
                and stages_reached_at_boundaries.stage <> 'customer'
                then disqualified_at_boundaries.stage_source
            else stages_reached_at_boundaries.stage_source
        end as stage_source
    from stages_reached_at_boundaries
    left join disqualified_at_boundaries
        on
            stages_reached_at_boundaries.contact_id = disqualified_at_boundaries.contact_id
            and stages_reached_at_boundaries.boundary_at = disqualified_at_boundaries.boundary_at
    where stages_reached_at_boundaries.reach_rank = 1
),

changes as (
    select
        *,
        lag(stage) over (partition by contact_id order by boundary_at) as previous_stage
    from states
),

final as (
    select
        {{ generate_surrogate_key(['contact_id', 'boundary_at']) }} as stage_period_id,
        contact_id,
        stage,
        previous_stage,
        boundary_at as valid_from,
        lead(boundary_at) over (partition by contact_id order by boundary_at) as valid_to,
        stage_source
    from changes
    where previous_stage is null or previous_stage <> stage
)

select * from final
