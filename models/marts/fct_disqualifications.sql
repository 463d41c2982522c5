{#-
    Disqualifications by month, owner (rep), channel and reason, with how many of the
    disqualified leads were recycled (returned to nurturing after the
    disqualification) and how many of those came back as MQL or SQL later.
-#}

with

leads as (
    select * from {{ ref('dim_leads') }}
    where
        is_funnel_lead
        and disqualified_at is not null
),

disqualified as (
    select
        lead_id,
        cast({{ dbt.date_trunc('month', 'disqualified_at') }} as date) as month_start_date,
        owner_id,
        channel,
        coalesce(disqualification_reason, '(not given)') as disqualification_reason,
        disqualification_reason is null as is_reason_missing,
        recycled_at is not null and recycled_at >= disqualified_at as is_recycled,
        mql_at is not null as was_mql,
        sql_at is not null as was_sql,
        {{ days_between('lead_at', 'disqualified_at') }} as days_lead_to_disqualified
    from leads
),

aggregated as (
    select
        month_start_date,
        owner_id,
        channel,
        disqualification_reason,
        count(*) as disqualified_leads_count,
        sum(case when is_reason_missing then 1 else 0 end) as missing_reason_count,
        sum(case when was_mql then 1 else 0 end) as disqualified_mqls_count,
        sum(case when was_sql then 1 else 0 end) as disqualified_sqls_count,
        sum(case when is_recycled then 1 else 0 end) as recycled_leads_count,
        {{ median('days_lead_to_disqualified') }} as median_days_lead_to_disqualified
    from disqualified
    group by 1, 2, 3, 4
),

final as (
    select
        {{ generate_surrogate_key([
            'month_start_date', 'owner_id', 'channel', 'disqualification_reason'
        ]) }} as disqualification_group_id,
        month_start_date,
        owner_id,
        channel,
        disqualification_reason,
        disqualified_leads_count,
        cast(missing_reason_count as {{ dbt.type_bigint() }}) as missing_reason_count,
        cast(disqualified_mqls_count as {{ dbt.type_bigint() }}) as disqualified_mqls_count,
        cast(disqualified_sqls_count as {{ dbt.type_bigint() }}) as disqualified_sqls_count,
        cast(recycled_leads_count as {{ dbt.type_bigint() }}) as recycled_leads_count,
        {{ safe_divide('recycled_leads_count', 'disqualified_leads_count') }}
            as recycled_share,
        median_days_lead_to_disqualified
    from aggregated
)

select * from final
