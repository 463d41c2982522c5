{#-
    Where to set the MQL bar (doc mql_threshold_sweep): one row per candidate lead
    score threshold (var mql_threshold_sweep; re-run with a finer range through
    --vars). Scores come from the lifecycle engine's score history, and a score state
    counts only with the written bar's minimum of distinct actions (var
    mql_min_distinct_actions), so the sweep follows any change of the scoring points.
-#}
{%- set sweep = var('mql_threshold_sweep') -%}

with

leads as (
    select * from {{ ref('dim_leads') }}
    where is_funnel_lead
),

-- the written bar needs the score together with enough distinct actions
scores as (
    select * from {{ ref('int_lead_scores_accumulated') }}
    where distinct_action_count >= {{ var('mql_min_distinct_actions') }}
),

thresholds as (
    {% for threshold in range(sweep['start'], sweep['stop'] + 1, sweep['step']) -%}
        select {{ threshold }} as score_threshold
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

lead_max_scores as (
    select
        leads.lead_id,
        leads.is_mql,
        leads.is_sql,
        leads.is_customer,
        coalesce(max(scores.lead_score), 0) as max_lead_score,
        coalesce(
            max(
                case
                    when leads.sql_at is null or scores.valid_from < leads.sql_at
                        then scores.lead_score
                end
            ),
            0
        ) as max_lead_score_before_sql
    from leads
    left join scores
        on leads.lead_id = scores.contact_id
    group by 1, 2, 3, 4
),

swept as (
    select
        thresholds.score_threshold,
        count(*) as leads_count,
        sum(case when lead_max_scores.is_mql then 1 else 0 end) as actual_mqls_count,
        sum(case when lead_max_scores.is_sql then 1 else 0 end) as sqls_count,
        sum(case when lead_max_scores.is_customer then 1 else 0 end) as customers_count,
        sum(
            case when lead_max_scores.max_lead_score >= thresholds.score_threshold then 1 else 0 end
        ) as would_be_mqls_count,
        sum(
            case
                when
                    lead_max_scores.max_lead_score >= thresholds.score_threshold
                    and lead_max_scores.is_sql
                    then 1
                else 0
            end
        ) as would_be_mqls_sqls_count,
        sum(
            case
                when
                    lead_max_scores.max_lead_score >= thresholds.score_threshold
                    and lead_max_scores.is_customer
                    then 1
                else 0
            end
        ) as would_be_mqls_customers_count,
        sum(
            case
                when lead_max_scores.max_lead_score_before_sql >= thresholds.score_threshold
                    then 1
                else 0
            end
        ) as would_be_mqls_before_sql_count,
        sum(
            case
                when
                    lead_max_scores.max_lead_score_before_sql >= thresholds.score_threshold
                    and lead_max_scores.is_sql
                    then 1
                else 0
            end
        ) as would_be_mqls_before_sql_sqls_count,
        sum(
            case
                when
                    lead_max_scores.max_lead_score < thresholds.score_threshold
                    and lead_max_scores.is_customer
                    then 1
                else 0
            end
        ) as missed_customers_count
    from thresholds
    cross join lead_max_scores
    group by 1
),

final as (
    select
        score_threshold,
        score_threshold = {{ var('mql_score_threshold') }} as is_current_threshold,
        leads_count,
        {% for count_column in [
            'actual_mqls_count', 'sqls_count', 'customers_count', 'would_be_mqls_count',
            'would_be_mqls_sqls_count', 'would_be_mqls_customers_count',
            'would_be_mqls_before_sql_count', 'would_be_mqls_before_sql_sqls_count',
            'missed_customers_count',
        ] -%}
            cast({{ count_column }} as {{ dbt.type_bigint() }}) as {{ count_column }},
        {% endfor -%}
        {{ safe_divide('would_be_mqls_sqls_count', 'would_be_mqls_count') }}
            as would_be_mql_to_sql_rate,
        {{ safe_divide('would_be_mqls_before_sql_sqls_count', 'would_be_mqls_before_sql_count') }}
            as would_be_mql_before_sql_to_sql_rate,
        {{ safe_divide('would_be_mqls_before_sql_sqls_count', 'sqls_count') }}
            as sql_capture_rate,
        {{ safe_divide('would_be_mqls_customers_count', 'customers_count') }}
            as customer_capture_rate
    from swept
)

select * from final
