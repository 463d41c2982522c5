{#-
    One row per dated column of the data (doc calendar_from_data): how many rows carry
    a date, the first and last of them, how many are implausible (before var
    plausible_first_date or later than today + var plausible_future_days) and how many
    plausible ones fall outside an explicitly set calendar window (vars
    funnel_start_date / funnel_end_date). dim_dates spans the plausible dates; a
    warn-level test reports rows outside the window and implausible rows.
-#}
{%- set event_columns = [
    ('crm.contacts.created_at', 'stg_crm__contacts', 'created_at'),
    ('crm.contact_property_history.changed_at', 'stg_crm__contact_property_history', 'changed_at'),
    ('crm.engagements.occurred_at', 'stg_crm__engagements', 'occurred_at'),
    ('crm.deals.created_at', 'stg_crm__deals', 'created_at'),
    ('crm.deals.closed_at', 'stg_crm__deals', 'closed_at'),
    ('crm.deal_stage_history.entered_at', 'stg_crm__deal_stage_history', 'entered_at'),
    ('marketing.form_submissions.submitted_at', 'stg_marketing__form_submissions', 'submitted_at'),
    ('marketing.email_events.occurred_at', 'stg_marketing__email_events', 'occurred_at'),
    ('marketing.engagements.occurred_at', 'stg_marketing__engagements', 'occurred_at'),
    ('marketing.ad_spend.spend_date', 'stg_marketing__ad_spend', 'spend_date'),
    ('web.sessions.session_started_at', 'int_sessions_aggregated', 'session_started_at'),
] -%}
{%- set first_plausible = "cast('" ~ var('plausible_first_date') ~ "' as date)" -%}
{%- set last_plausible = "cast(" ~ dbt.dateadd(
    'day', var('plausible_future_days') | int, dbt.current_timestamp()
) ~ " as date)" -%}
{%- set window_start = var('funnel_start_date') -%}
{%- set window_end = var('funnel_end_date') -%}

{%- set is_plausible = "event_date >= " ~ first_plausible
    ~ " and event_date <= " ~ last_plausible -%}

with

profiles as (
    {%- for label, model_name, column_name in event_columns %}
        select
            '{{ label }}' as event_source,
            count(*) as row_count,
            count(event_date) as dated_row_count,
            min(event_date) as first_event_date,
            max(event_date) as last_event_date,
            min(case when {{ is_plausible }} then event_date end) as first_plausible_date,
            max(case when {{ is_plausible }} then event_date end) as last_plausible_date,
            sum(case when not ({{ is_plausible }}) then 1 else 0 end) as implausible_row_count,
            sum(case
                when
                    {{ is_plausible }}
                    and event_date
                    < {{ "cast('" ~ window_start ~ "' as date)" if window_start else 'null' }}
                    then 1
                else 0
            end) as rows_before_calendar_count,
            sum(case
                when
                    {{ is_plausible }}
                    and event_date
                    > {{ "cast('" ~ window_end ~ "' as date)" if window_end else 'null' }}
                    then 1
                else 0
            end) as rows_after_calendar_count
        from (
            select cast({{ column_name }} as date) as event_date
            from {{ ref(model_name) }}
        ) as {{ model_name }}_dates
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        event_source,
        cast(row_count as {{ dbt.type_bigint() }}) as row_count,
        cast(dated_row_count as {{ dbt.type_bigint() }}) as dated_row_count,
        first_event_date,
        last_event_date,
        first_plausible_date,
        last_plausible_date,
        cast(coalesce(implausible_row_count, 0) as {{ dbt.type_bigint() }})
            as implausible_row_count,
        cast(coalesce(rows_before_calendar_count, 0) as {{ dbt.type_bigint() }})
            as rows_before_calendar_count,
        cast(coalesce(rows_after_calendar_count, 0) as {{ dbt.type_bigint() }})
            as rows_after_calendar_count
    from profiles
)

select * from final
