{#-
    One row per page view with its session. Incremental (doc web_incremental_sessions):
    a run takes the page views received in the last var('web_lookback_days') before
    the newest received_at already loaded, and for each browser they touch (where a
    view is now and, for a view sent again, where it was in this table) sessionizes
    again its views from the start of the first touched session on; earlier sessions
    are kept (macro session_rebuild_starts). Strategy replace_onward
    (macros/engines/replace_onward.sql): the browser's rows from that session on, and
    the rows of the views in the batch, are replaced. On Spark: insert_overwrite of the
    anonymous_id_bucket partitions, every browser of a touched bucket whole
    (macros/engines/incremental_by_key.sql). Late and out-of-order views land in the
    right session and the table equals a full refresh. The sessionization itself is
    the macro sessionize_page_views; a full build on DuckDB runs it in batches of
    browsers (doc web_sessionize_batches).
    Longer than most models because the choice of the views to sessionize again reads
    this table ({{ this }}) and so cannot move to another model: it and the
    sessionization it feeds are one incremental step.
-#}
{{
    config(
        materialized='incremental',
        unique_key='anonymous_id',
        incremental_strategy=lead_lifecycle.incremental_key_strategy('replace_onward'),
        replace_onward_column='session_number',
        replace_onward_row_id='page_view_id',
        partition_by=lead_lifecycle.incremental_key_partitions('anonymous_id_bucket'),
        on_schema_change='fail',
    )
}}

with

-- read where it is used, not copied: an incremental run reads it twice
pages as {{ lead_lifecycle.not_materialized() }} (
    select * from {{ ref('stg_web__pages') }}
),

content_catalog as (
    select * from {{ ref('content_catalog') }}
),

{% if is_incremental() %}
    loaded_watermark as (
        select
            {{ lead_lifecycle.reprocess_arrivals_after('received_at') }}
                as reprocess_received_after
        from {{ this }}
    ),

    arrived_pages as (
        select
            pages.page_view_id,
            pages.anonymous_id,
            pages.viewed_at
        from pages
        inner join loaded_watermark
            on pages.received_at >= loaded_watermark.reprocess_received_after
    ),

    touched_views as (
        -- where each arrived view is now, and where a view sent again was
        select
            anonymous_id,
            viewed_at as touched_at
        from arrived_pages
        union all
        select
            loaded_views.anonymous_id,
            loaded_views.viewed_at as touched_at
        from {{ this }} as loaded_views
        inner join arrived_pages
            on loaded_views.page_view_id = arrived_pages.page_view_id
    ),

    loaded_session_starts as (
        select
            anonymous_id,
            viewed_at as session_started_at,
            session_number
        from {{ this }}
        where is_session_start
    ),

    rebuild_starts as (
        {{ lead_lifecycle.session_rebuild_starts(
            'touched_views', 'loaded_session_starts', 'pages'
        ) }}
    ),

    pages_to_sessionize as (
        select
            pages.*,
            rebuild_starts.session_number_offset
        from pages
        inner join rebuild_starts
            on
                pages.anonymous_id = rebuild_starts.anonymous_id
                and (
                    rebuild_starts.rebuild_from is null
                    or pages.viewed_at >= rebuild_starts.rebuild_from
                )
    ),
{% else %}
    pages_to_sessionize as {{ lead_lifecycle.not_materialized() }} (
        select
            *,
            0 as session_number_offset
        from pages
    ),
{% endif %}

sessionized_page_views as (
    -- a full build sessionizes the browsers in batches (doc web_sessionize_batches)
    {%- for batch_predicate in lead_lifecycle.web_sessionize_batch_predicates(is_incremental()) %}
        {{ lead_lifecycle.sessionize_page_views('pages_to_sessionize', batch_predicate) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

page_paths as (
    select distinct page_path
    from pages_to_sessionize
    where page_path is not null
),

page_path_content_ranked as (
    -- the most specific (longest) matching pattern wins
    select
        page_paths.page_path,
        content_catalog.content_id,
        content_catalog.content_type,
        content_catalog.journey_stage,
        content_catalog.is_pricing_page,
        row_number() over (
            partition by page_paths.page_path
            order by
                {{ dbt.length('content_catalog.path_pattern') }} desc,
                content_catalog.content_id
        ) as match_rank
    from page_paths
    inner join content_catalog
        on page_paths.page_path like content_catalog.path_pattern
),

page_path_content as (
    select * from page_path_content_ranked
    where match_rank = 1
),

final as (
    select
        sessionized_page_views.page_view_id,
        {{ generate_surrogate_key([
            'sessionized_page_views.anonymous_id',
            'sessionized_page_views.session_started_at',
        ]) }} as session_id,
        sessionized_page_views.anonymous_id,
        sessionized_page_views.user_id,
        sessionized_page_views.viewed_at,
        sessionized_page_views.received_at,
        -- the sessions kept before the rebuilt ones (session_rebuild_starts)
        sessionized_page_views.session_number
        + sessionized_page_views.session_number_offset as session_number,
        sessionized_page_views.page_view_in_session_number,
        sessionized_page_views.is_session_start,
        sessionized_page_views.is_session_exit,
        sessionized_page_views.page_url,
        sessionized_page_views.page_path,
        sessionized_page_views.page_title,
        sessionized_page_views.referrer,
        sessionized_page_views.referrer_host,
        sessionized_page_views.utm_source,
        sessionized_page_views.utm_medium,
        sessionized_page_views.utm_campaign,
        sessionized_page_views.utm_content,
        sessionized_page_views.utm_term,
        page_path_content.content_id,
        page_path_content.content_type,
        page_path_content.journey_stage,
        coalesce(page_path_content.is_pricing_page, false) as is_pricing_page,
        {{ lead_lifecycle.key_bucket('sessionized_page_views.anonymous_id') }}
            as anonymous_id_bucket
    from sessionized_page_views
    left join page_path_content
        on sessionized_page_views.page_path = page_path_content.page_path
)

select * from final
