-- Where to set the MQL bar: a finer what-if than marts.fct_mql_threshold_sweep.
-- Compile with `dbt compile --select mql_threshold_sweep` and run the SQL in
-- target/compiled/... against the warehouse. Change the range with
--   --vars '{sweep_start: 0, sweep_stop: 200, sweep_step: 5}'
-- Unlike the mart, a lead only "would have been MQL" at a threshold when one score
-- state reached the threshold together with the minimum number of distinct actions
-- (var mql_min_distinct_actions), as the written MQL definition requires; the
-- `before_sql` columns only look at score states that began before the lead's SQL.
-- precision = share of the would-be MQLs that became SQL (sales' view of quality);
-- recall = share of all SQLs the bar would have caught (marketing's view of reach).
{%- set sweep_start = var('sweep_start', 0) -%}
{%- set sweep_stop = var('sweep_stop', 200) -%}
{%- set sweep_step = var('sweep_step', 5) %}

with

leads as (
    select * from {{ ref('dim_leads') }}
    where is_funnel_lead
),

scores as (
    select * from {{ ref('int_lead_scores_accumulated') }}
),

thresholds as (
    {% for threshold in range(sweep_start, sweep_stop + 1, sweep_step) -%}
        select {{ threshold }} as score_threshold
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

qualifying_states as (
    select
        scores.contact_id,
        scores.valid_from,
        scores.lead_score
    from scores
    where scores.distinct_action_count >= {{ var('mql_min_distinct_actions') }}
),

lead_bars as (
    select
        leads.lead_id,
        leads.is_sql,
        leads.is_customer,
        coalesce(max(qualifying_states.lead_score), 0) as max_qualifying_score,
        coalesce(
            max(
                case
                    when leads.sql_at is null or qualifying_states.valid_from < leads.sql_at
                        then qualifying_states.lead_score
                end
            ),
            0
        ) as max_qualifying_score_before_sql
    from leads
    left join qualifying_states
        on leads.lead_id = qualifying_states.contact_id
    group by 1, 2, 3
),

swept as (
    select
        thresholds.score_threshold,
        sum(case when lead_bars.is_sql then 1 else 0 end) as sqls_count,
        sum(
            case when lead_bars.max_qualifying_score >= thresholds.score_threshold then 1 else 0 end
        ) as would_be_mqls_count,
        sum(
            case
                when lead_bars.max_qualifying_score_before_sql >= thresholds.score_threshold
                    then 1
                else 0
            end
        ) as would_be_mqls_before_sql_count,
        sum(
            case
                when
                    lead_bars.max_qualifying_score_before_sql >= thresholds.score_threshold
                    and lead_bars.is_sql
                    then 1
                else 0
            end
        ) as caught_before_sql_count,
        sum(
            case
                when
                    lead_bars.max_qualifying_score >= thresholds.score_threshold
                    and lead_bars.is_customer
                    then 1
                else 0
            end
        ) as would_be_mqls_customers_count
    from thresholds
    cross join lead_bars
    group by 1
),

final as (
    select
        score_threshold,
        score_threshold = {{ var('mql_score_threshold') }} as is_current_threshold,
        would_be_mqls_count,
        would_be_mqls_before_sql_count,
        caught_before_sql_count,
        would_be_mqls_customers_count,
        {{ safe_divide('caught_before_sql_count', 'would_be_mqls_before_sql_count') }}
            as sql_precision,
        {{ safe_divide('caught_before_sql_count', 'sqls_count') }} as sql_recall
    from swept
)

select * from final
order by 1
