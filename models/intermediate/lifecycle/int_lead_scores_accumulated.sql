{#-
    The lead score of each contact as of any moment (doc def_lead_score): one row per
    contact and moment at which the score or the distinct action count changes, i.e.
    each signal and, when score_decay_days is set, each signal's expiry, valid from
    that moment (inclusive) to the next (exclusive). Distinct actions count the signal
    types flagged counts_as_action with at least one unexpired signal; built with
    running sums per signal type, no self-join.

    Why it stays one model of about 170 lines: its CTEs are one computation, the
    score timeline (signal and expiry deltas -> running count per signal type ->
    running score per contact -> MQL bar crossings); each step is only meaningful as
    the input of the next, and the fit score it adds already has its own model.
-#}
{%- set decay_days = var('score_decay_days') -%}

with

signals as (
    select * from {{ ref('int_lead_signals_unioned') }}
),

fits as (
    select * from {{ ref('int_lead_fits_scored') }}
),

signal_changes as (
    select
        contact_id,
        signal_type,
        counts_as_action,
        occurred_at as changed_at,
        points as points_delta,
        1 as active_signals_delta,
        1 as new_signals
    from signals
    {%- if decay_days is not none %}
        union all
        select
            contact_id,
            signal_type,
            counts_as_action,
            {{ dbt.dateadd('day', decay_days | int, 'occurred_at') }} as changed_at,
            -points as points_delta,
            -1 as active_signals_delta,
            0 as new_signals
        from signals
    {%- endif %}
),

signal_type_moments as (
    select
        contact_id,
        signal_type,
        counts_as_action,
        changed_at,
        sum(points_delta) as points_delta,
        sum(active_signals_delta) as active_signals_delta,
        sum(new_signals) as new_signals
    from signal_changes
    group by 1, 2, 3, 4
),

signal_type_running as (
    select
        *,
        sum(active_signals_delta) over (
            partition by contact_id, signal_type
            order by changed_at
            rows between unbounded preceding and current row
        ) as active_signals
    from signal_type_moments
),

signal_type_transitions as (
    select
        *,
        case
            when not counts_as_action then 0
            when active_signals > 0 and previous_active_signals = 0 then 1
            when active_signals = 0 and previous_active_signals > 0 then -1
            else 0
        end as distinct_actions_delta
    from (
        select
            *,
            coalesce(
                lag(active_signals) over (
                    partition by contact_id, signal_type
                    order by changed_at
                ),
                0
            ) as previous_active_signals
        from signal_type_running
    ) as with_previous
),

contact_moments as (
    select
        contact_id,
        changed_at,
        sum(points_delta) as points_delta,
        sum(distinct_actions_delta) as distinct_actions_delta,
        sum(new_signals) as new_signals
    from signal_type_transitions
    group by 1, 2
),

contact_running as (
    select
        contact_id,
        changed_at as valid_from,
        lead(changed_at) over (
            partition by contact_id
            order by changed_at
        ) as valid_to,
        sum(points_delta) over (
            partition by contact_id
            order by changed_at
            rows between unbounded preceding and current row
        ) as behavior_score,
        sum(distinct_actions_delta) over (
            partition by contact_id
            order by changed_at
            rows between unbounded preceding and current row
        ) as distinct_action_count,
        new_signals
    from contact_moments
),

periods as (
    select
        contact_running.contact_id,
        contact_running.valid_from,
        contact_running.valid_to,
        coalesce(fits.fit_score, 0) as fit_score,
        contact_running.behavior_score,
        coalesce(fits.fit_score, 0) + contact_running.behavior_score as lead_score,
        contact_running.distinct_action_count,
        contact_running.new_signals,
        coalesce(fits.fit_score, 0) + contact_running.behavior_score
        >= {{ var('mql_score_threshold') }}
        and contact_running.distinct_action_count
        >= {{ var('mql_min_distinct_actions') }} as meets_mql_bar
    from contact_running
    left join fits
        on contact_running.contact_id = fits.contact_id
),

final as (
    select
        {{ generate_surrogate_key(['contact_id', 'valid_from']) }} as score_period_id,
        contact_id,
        valid_from,
        valid_to,
        fit_score,
        behavior_score,
        lead_score,
        distinct_action_count,
        new_signals,
        valid_to is null as is_current,
        meets_mql_bar,
        meets_mql_bar and not coalesce(
            lag(meets_mql_bar) over (partition by contact_id order by valid_from),
            false
        ) as crossed_mql_bar
    from periods
)

select * from final
