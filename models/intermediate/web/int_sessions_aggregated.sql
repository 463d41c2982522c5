{#-
    One row per session. Incremental (doc web_incremental_sessions): a run takes the
    page views received within the lookback window and re-aggregates, per browser they
    touch (where a view is now, and every browser and time it was ever sent with, from
    base_web__pages, since a view sent again leaves a session behind), the sessions
    from the first touched one on; browsers whose stitched contact changed since they
    were written are rebuilt whole, so contact_id follows identity stitching
    retroactively. Strategy replace_onward (macros/engines/replace_onward.sql): the
    browser's sessions from there on are replaced, so sessions merged away disappear;
    a browser left without any session from there on gets a marker row that is not
    inserted. On Spark: insert_overwrite of the anonymous_id_bucket partitions, every
    browser of a touched bucket whole (macros/engines/incremental_by_key.sql).
    Longer than most models because the choice of the sessions to rebuild reads this
    table ({{ this }}) and so cannot move to another model: it and the aggregation it
    feeds are one incremental step.
-#}
{{
    config(
        materialized='incremental',
        unique_key='anonymous_id',
        incremental_strategy=lead_lifecycle.incremental_key_strategy('replace_onward'),
        replace_onward_column='session_number',
        replace_onward_row_id='session_id',
        partition_by=lead_lifecycle.incremental_key_partitions('anonymous_id_bucket'),
        on_schema_change='fail',
    )
}}
-- depends_on: {{ ref('base_web__pages') }} (read by incremental runs only)

with

-- read where it is used, not copied: an incremental run reads it twice
page_views as {{ lead_lifecycle.not_materialized() }} (
    select * from {{ ref('int_page_views_sessionized') }}
),

anonymous_ids_stitched as (
    select * from {{ ref('int_anonymous_ids_stitched') }}
),

channel_mapping as (
    select * from {{ ref('channel_mapping') }}
),

{% if is_incremental() %}
    loaded_watermark as (
        select
            {{ lead_lifecycle.reprocess_arrivals_after('last_received_at') }}
                as reprocess_received_after
        from {{ this }}
    ),

    arrived_page_views as (
        select
            page_views.page_view_id,
            page_views.anonymous_id,
            page_views.viewed_at
        from page_views
        inner join loaded_watermark
            on page_views.received_at >= loaded_watermark.reprocess_received_after
    ),

    anonymous_ids_restitched as (
        -- stored contact differs from today's stitching (new, changed or removed)
        select distinct loaded_sessions.anonymous_id
        from {{ this }} as loaded_sessions
        left join anonymous_ids_stitched
            on loaded_sessions.anonymous_id = anonymous_ids_stitched.anonymous_id
        where
            coalesce(cast(loaded_sessions.contact_id as {{ dbt.type_string() }}), '')
            <> coalesce(cast(anonymous_ids_stitched.contact_id as {{ dbt.type_string() }}), '')
    ),

    touched_views as (
        -- where each arrived view is now; every version of it ever loaded (the one
        -- these sessions were built from among them); a null time: the whole history
        select
            anonymous_id,
            viewed_at as touched_at
        from arrived_page_views
        union all
        select
            page_versions.anonymous_id,
            page_versions.{{ adapter.quote('timestamp') }} as touched_at
        from {{ ref('base_web__pages') }} as page_versions
        inner join arrived_page_views
            on page_versions.id = arrived_page_views.page_view_id
        where
            page_versions.quarantine_reason is null
            and page_versions.{{ adapter.quote('timestamp') }} is not null
        union all
        select
            anonymous_id,
            cast(null as {{ dbt.type_timestamp() }}) as touched_at
        from anonymous_ids_restitched
    ),

    rebuild_starts as (
        {{ lead_lifecycle.session_rebuild_starts('touched_views', this, 'page_views') }}
    ),

    page_views_to_aggregate as (
        select page_views.*
        from page_views
        inner join rebuild_starts
            on
                page_views.anonymous_id = rebuild_starts.anonymous_id
                and (
                    rebuild_starts.rebuild_from is null
                    or page_views.viewed_at >= rebuild_starts.rebuild_from
                )
    ),
{% else %}
    page_views_to_aggregate as {{ lead_lifecycle.not_materialized() }} (
        select * from page_views
    ),
{% endif %}

sessions_grouped as (
    -- a full build groups the browsers in batches (doc web_sessionize_batches)
    {%- for batch_predicate in lead_lifecycle.web_sessionize_batch_predicates(is_incremental()) %}
        select
            session_id,
            anonymous_id,
            min(session_number) as session_number,
            min(viewed_at) as session_started_at,
            max(viewed_at) as session_ended_at,
            count(*) as page_view_count,
            max(case when is_session_start then page_view_id end) as landing_page_view_id,
            max(case when is_session_start then page_url end) as landing_page_url,
            max(case when is_session_start then page_path end) as landing_page_path,
            max(case when is_session_exit then page_path end) as exit_page_path,
            max(case when is_session_start then utm_source end) as utm_source,
            max(case when is_session_start then utm_medium end) as utm_medium,
            max(case when is_session_start then utm_campaign end) as utm_campaign,
            max(case when is_session_start then utm_content end) as utm_content,
            max(case when is_session_start then utm_term end) as utm_term,
            max(case when is_session_start then referrer end) as referrer,
            max(case when is_session_start then referrer_host end) as referrer_host,
            max(received_at) as last_received_at
        from page_views_to_aggregate
        {%- if batch_predicate is not none %}
            where {{ batch_predicate }}
        {%- endif %}
        group by session_id, anonymous_id
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

{% if is_incremental() %}
    browsers_left_without_sessions as (
        -- rebuilt, but no view left from rebuild_from on (all sent again elsewhere):
        -- a marker row makes replace_onward delete their sessions from there on
        select
            rebuild_starts.anonymous_id,
            rebuild_starts.session_number_offset + 1 as session_number
        from rebuild_starts
        left join sessions_grouped
            on rebuild_starts.anonymous_id = sessions_grouped.anonymous_id
        where sessions_grouped.anonymous_id is null
    ),
{% endif %}

traffic_sources as (
    -- classified once per distinct source; a missing value is compared as '(none)'
    select distinct
        coalesce(lower(utm_source), '(none)') as utm_source_key,
        coalesce(lower(utm_medium), '(none)') as utm_medium_key,
        coalesce(lower(referrer_host), '(none)') as referrer_host_key
    from sessions_grouped
),

traffic_source_channels_ranked as (
    -- every rule that matches; the lowest priority number wins
    select
        traffic_sources.utm_source_key,
        traffic_sources.utm_medium_key,
        traffic_sources.referrer_host_key,
        channel_mapping.channel,
        row_number() over (
            partition by
                traffic_sources.utm_source_key,
                traffic_sources.utm_medium_key,
                traffic_sources.referrer_host_key
            order by channel_mapping.priority
        ) as match_rank
    from traffic_sources
    inner join channel_mapping
        on
            traffic_sources.utm_source_key like channel_mapping.utm_source_pattern
            and traffic_sources.utm_medium_key like channel_mapping.utm_medium_pattern
            and traffic_sources.referrer_host_key like channel_mapping.referrer_host_pattern
),

traffic_source_channels as (
    select * from traffic_source_channels_ranked
    where match_rank = 1
),

final as (
    select
        sessions_grouped.session_id,
        sessions_grouped.anonymous_id,
        anonymous_ids_stitched.contact_id,
        sessions_grouped.session_number,
        sessions_grouped.session_started_at,
        sessions_grouped.session_ended_at,
        sessions_grouped.landing_page_view_id,
        sessions_grouped.landing_page_url,
        sessions_grouped.landing_page_path,
        sessions_grouped.exit_page_path,
        sessions_grouped.page_view_count,
        {{ dbt.datediff(
            'sessions_grouped.session_started_at',
            'sessions_grouped.session_ended_at',
            'second'
        ) }} as duration_seconds,
        sessions_grouped.page_view_count = 1 as is_bounce,
        sessions_grouped.utm_source,
        sessions_grouped.utm_medium,
        sessions_grouped.utm_campaign,
        sessions_grouped.utm_content,
        sessions_grouped.utm_term,
        sessions_grouped.referrer,
        sessions_grouped.referrer_host,
        coalesce(traffic_source_channels.channel, 'other') as channel,
        sessions_grouped.last_received_at,
        {{ lead_lifecycle.key_bucket('sessions_grouped.anonymous_id') }} as anonymous_id_bucket
    from sessions_grouped
    left join anonymous_ids_stitched
        on sessions_grouped.anonymous_id = anonymous_ids_stitched.anonymous_id
    left join traffic_source_channels
        on
            coalesce(lower(sessions_grouped.utm_source), '(none)')
            = traffic_source_channels.utm_source_key
            and coalesce(lower(sessions_grouped.utm_medium), '(none)')
            = traffic_source_channels.utm_medium_key
            and coalesce(lower(sessions_grouped.referrer_host), '(none)')
            = traffic_source_channels.referrer_host_key
)

select * from final
{{ lead_lifecycle.replace_onward_markers('browsers_left_without_sessions') }}
