{#-
    MQL to SQL conversion by month and channel, two ways:
    simple (SQLs of the month / MQLs of the month, doc simple_conversion_rate) and
    cohort (MQLs of the month that became SQL within sales_cycle_days / MQLs of the
    month, doc cohort_conversion_rate).
-#}

with

leads as (
    select * from {{ ref('dim_leads') }}
    where is_funnel_lead
),

data_cutoff as (
    select
        max(greatest(lead_at, coalesce(mql_at, lead_at), coalesce(sql_at, lead_at)))
            as cutoff_at
    from leads
),

mqls as (
    select
        mql_month as month_start_date,
        channel,
        count(*) as mqls_count,
        sum(
            case
                when
                    sql_at is not null
                    and sql_at >= mql_at
                    and sql_at <= {{ dbt.dateadd('day', var('sales_cycle_days'), 'mql_at') }}
                    then 1
                else 0
            end
        ) as cohort_sqls_count
    from leads
    where mql_at is not null
    group by 1, 2
),

sqls as (
    select
        sql_month as month_start_date,
        channel,
        count(*) as sqls_count
    from leads
    where sql_at is not null
    group by 1, 2
),

months_channels as (
    select
        month_start_date,
        channel
    from mqls
    union
    select
        month_start_date,
        channel
    from sqls
),

final as (
    select
        {{ generate_surrogate_key([
            'months_channels.month_start_date', 'months_channels.channel'
        ]) }} as mql_sql_conversion_id,
        months_channels.month_start_date,
        months_channels.channel,
        coalesce(mqls.mqls_count, 0) as mqls_count,
        coalesce(sqls.sqls_count, 0) as sqls_count,
        {{ safe_divide('coalesce(sqls.sqls_count, 0)', 'mqls.mqls_count') }}
            as simple_conversion_rate,
        cast(coalesce(mqls.cohort_sqls_count, 0) as {{ dbt.type_bigint() }}) as cohort_sqls_count,
        {{ safe_divide('mqls.cohort_sqls_count', 'mqls.mqls_count') }}
            as cohort_conversion_rate,
        {{ dbt.dateadd(
            'day',
            var('sales_cycle_days'),
            dbt.dateadd('month', 1, 'months_channels.month_start_date')
        ) }} <= data_cutoff.cutoff_at as is_cohort_complete
    from months_channels
    cross join data_cutoff
    left join mqls
        on
            months_channels.month_start_date = mqls.month_start_date
            and months_channels.channel = mqls.channel
    left join sqls
        on
            months_channels.month_start_date = sqls.month_start_date
            and months_channels.channel = sqls.channel
)

select * from final
