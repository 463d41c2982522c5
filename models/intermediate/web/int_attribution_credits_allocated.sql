{#-
    Multi-touch attribution of lead creation: one row per lead and session that
    started at or before lead_at, with a linear credit (1 / touches) and a
    position-based credit (first / last weights from vars, the rest shared by the
    middle touches). Each sums to 1 per lead with at least one touch
    (doc web_attribution).
-#}
{%- set first_weight = var('attribution_position_first_weight') -%}
{%- set last_weight = var('attribution_position_last_weight') -%}

with

lead_lifecycles as (
    select * from {{ ref('int_lead_lifecycles_derived') }}
),

sessions as (
    select * from {{ ref('int_sessions_aggregated') }}
    where contact_id is not null
),

lead_touches as (
    select
        lead_lifecycles.contact_id,
        lead_lifecycles.lead_at,
        sessions.session_id,
        sessions.session_started_at,
        sessions.channel,
        coalesce(sessions.utm_source, sessions.referrer_host) as traffic_source,
        sessions.utm_campaign as campaign,
        row_number() over (
            partition by lead_lifecycles.contact_id
            order by sessions.session_started_at, sessions.session_id
        ) as touch_number,
        count(*) over (partition by lead_lifecycles.contact_id) as touch_count
    from lead_lifecycles
    inner join sessions
        on
            lead_lifecycles.contact_id = sessions.contact_id
            and lead_lifecycles.lead_at >= sessions.session_started_at
    where lead_lifecycles.lead_at is not null
),

final as (
    select
        {{ generate_surrogate_key(['contact_id', 'session_id']) }} as attribution_touch_id,
        contact_id,
        session_id,
        lead_at,
        session_started_at,
        channel,
        traffic_source,
        campaign,
        touch_number,
        touch_count,
        -- rounded to 12 decimals: exact-looking values, sums stay within 1e-9 of 1
        {{ round_double(
            'cast(1 as ' ~ type_double() ~ ') / cast(touch_count as ' ~ type_double() ~ ')',
            12
        ) }} as linear_credit,
        {{ round_double(
            position_based_credit('touch_number', 'touch_count', first_weight, last_weight),
            12
        ) }} as position_based_credit
    from lead_touches
)

select * from final
