{#-
    Sessionization of page views (doc web_sessionization), the body of
    int_page_views_sessionized: a query returning every column of `pages` (a
    relation or a CTE with the stg_web__pages columns and session_number_offset) for
    the rows that satisfy `batch_predicate` (none: every row), plus the session each
    view falls in: session_started_at, session_number (from 1 within the rows given),
    page_view_in_session_number, is_session_start and is_session_exit.
    The windows run over three narrow columns only and the wide page fields are
    joined back; the query has its own CTEs, so each batch of a union all reads
    `pages` through its own filter (see web_sessionize_batch_predicates).
-#}
{% macro sessionize_page_views(pages, batch_predicate=none) -%}
    {%- set timeout_minutes = var('session_timeout_minutes') | int -%}
    {%- set page_view_order = 'partition by anonymous_id order by viewed_at, page_view_id' -%}
    select * from (
        with

        batch_pages as (
            select * from {{ pages }}
            {%- if batch_predicate is not none %}
                where {{ batch_predicate }}
            {%- endif %}
        ),

        page_view_neighbours as (
            select
                page_view_id,
                anonymous_id,
                viewed_at,
                row_number() over ({{ page_view_order }}) as anonymous_page_view_number,
                lag(viewed_at) over ({{ page_view_order }}) as previous_viewed_at,
                lead(viewed_at) over ({{ page_view_order }}) as next_viewed_at
            from batch_pages
        ),

        session_boundaries as (
            -- a gap of exactly the timeout starts a new session
            select
                *,
                (
                    previous_viewed_at is null
                    or viewed_at
                    >= {{ dbt.dateadd('minute', timeout_minutes, 'previous_viewed_at') }}
                ) as is_session_start,
                (
                    next_viewed_at is null
                    or next_viewed_at >= {{ dbt.dateadd('minute', timeout_minutes, 'viewed_at') }}
                ) as is_session_exit
            from page_view_neighbours
        ),

        session_starts as (
            select
                page_view_id,
                is_session_start,
                is_session_exit,
                anonymous_page_view_number,
                max(case when is_session_start then viewed_at end) over (
                    {{ page_view_order }} rows between unbounded preceding and current row
                ) as session_started_at,
                max(case when is_session_start then anonymous_page_view_number end) over (
                    {{ page_view_order }} rows between unbounded preceding and current row
                ) as session_first_page_view_number,
                sum(case when is_session_start then 1 else 0 end) over (
                    {{ page_view_order }} rows between unbounded preceding and current row
                ) as session_number
            from session_boundaries
        )

        select
            batch_pages.*,
            session_starts.session_started_at,
            session_starts.session_number,
            session_starts.anonymous_page_view_number
            - session_starts.session_first_page_view_number
            + 1 as page_view_in_session_number,
            session_starts.is_session_start,
            session_starts.is_session_exit
        from batch_pages
        inner join session_starts
            on batch_pages.page_view_id = session_starts.page_view_id
    ) as sessionized_batch
{%- endmacro %}

{#-
    The batches in which a full build of int_page_views_sessionized sessionizes the
    browsers, one after another (doc web_sessionize_batches): a list of SQL predicates
    on anonymous_id, or [none] for a single batch. A session never spans two browsers,
    so the result does not depend on the batches; they only bound the memory of the
    windows and of the join that follows. DuckDB, whose memory_limit makes a too large
    window spill to disk, splits by hash(anonymous_id) into var('web_sessionize_batches')
    batches; incremental runs, which sessionize a few browsers, and the other engines,
    which spill sorts on their own, use one batch.
-#}
{% macro web_sessionize_batch_predicates(is_incremental_run) -%}
    {{ return(adapter.dispatch('web_sessionize_batch_predicates', 'lead_lifecycle')(
        is_incremental_run
    )) }}
{%- endmacro %}

{% macro default__web_sessionize_batch_predicates(is_incremental_run) -%}
    {{ return([none]) }}
{%- endmacro %}

{% macro duckdb__web_sessionize_batch_predicates(is_incremental_run) -%}
    {%- set batch_count = var('web_sessionize_batches', 4) | int -%}
    {%- if is_incremental_run or batch_count <= 1 -%}
        {{ return([none]) }}
    {%- endif -%}
    {%- set predicates = [] -%}
    {%- for batch in range(batch_count) -%}
        {%- do predicates.append(
            'hash(anonymous_id) % ' ~ batch_count ~ ' = ' ~ batch
        ) -%}
    {%- endfor -%}
    {{ return(predicates) }}
{%- endmacro %}
