{#-
    First- and last-touch attribution of every lead: the channel, source and
    campaign of the first and of the last session that started at or before lead
    creation, and the same before the MQL date (doc web_attribution).
-#}
with

lead_lifecycles as (
    select * from {{ ref('int_lead_lifecycles_derived') }}
),

sessions as (
    select * from {{ ref('int_sessions_aggregated') }}
    where contact_id is not null
),

leads as (
    select
        contact_id,
        lead_at,
        mql_at
    from lead_lifecycles
    where lead_at is not null
),

conversions as (
    select
        contact_id,
        'lead' as conversion_type,
        lead_at as converted_at
    from leads

    union all

    select
        contact_id,
        'mql' as conversion_type,
        mql_at as converted_at
    from leads
    where mql_at is not null
),

touches as (
    select
        conversions.contact_id,
        conversions.conversion_type,
        sessions.session_id,
        sessions.session_started_at as touch_at,
        sessions.channel,
        coalesce(sessions.utm_source, sessions.referrer_host) as traffic_source,
        sessions.utm_campaign as campaign,
        row_number() over (
            partition by conversions.contact_id, conversions.conversion_type
            order by sessions.session_started_at, sessions.session_id
        ) as touch_number,
        row_number() over (
            partition by conversions.contact_id, conversions.conversion_type
            order by sessions.session_started_at desc, sessions.session_id desc
        ) as reverse_touch_number
    from conversions
    inner join sessions
        on
            conversions.contact_id = sessions.contact_id
            and conversions.converted_at >= sessions.session_started_at
),

{#- one CTE per conversion: the first and the last touch before it, side by side #}
{%- set touch_fields = [
    ('session_id', 'session_id'),
    ('touch_at', 'at'),
    ('channel', 'channel'),
    ('traffic_source', 'source'),
    ('campaign', 'campaign'),
] %}
{%- set touch_positions = [('first', 'touch_number'), ('last', 'reverse_touch_number')] %}

{% for conversion in ['lead', 'mql'] %}
    {{ conversion }}_touches as (
        select
            contact_id,
            {% for position, rank_column in touch_positions -%}
                {% for column, suffix in touch_fields -%}
                    max(case when {{ rank_column }} = 1 then {{ column }} end)
                        as {{ conversion }}_{{ position }}_touch_{{ suffix }},
                {% endfor -%}
            {% endfor -%}
            count(*) as {{ conversion }}_touch_count
        from touches
        where conversion_type = '{{ conversion }}'
        group by contact_id
    ),
{% endfor %}

final as (
    select
        leads.contact_id,
        leads.lead_at,
        leads.mql_at,
        coalesce(lead_touches.lead_touch_count, 0) as lead_touch_count,
        lead_touches.lead_first_touch_session_id,
        lead_touches.lead_first_touch_at,
        lead_touches.lead_first_touch_channel,
        lead_touches.lead_first_touch_source,
        lead_touches.lead_first_touch_campaign,
        lead_touches.lead_last_touch_session_id,
        lead_touches.lead_last_touch_at,
        lead_touches.lead_last_touch_channel,
        lead_touches.lead_last_touch_source,
        lead_touches.lead_last_touch_campaign,
        coalesce(mql_touches.mql_touch_count, 0) as mql_touch_count,
        mql_touches.mql_first_touch_session_id,
        mql_touches.mql_first_touch_at,
        mql_touches.mql_first_touch_channel,
        mql_touches.mql_first_touch_source,
        mql_touches.mql_first_touch_campaign,
        mql_touches.mql_last_touch_session_id,
        mql_touches.mql_last_touch_at,
        mql_touches.mql_last_touch_channel,
        mql_touches.mql_last_touch_source,
        mql_touches.mql_last_touch_campaign
    from leads
    left join lead_touches
        on leads.contact_id = lead_touches.contact_id
    left join mql_touches
        on leads.contact_id = mql_touches.contact_id
)

select * from final
