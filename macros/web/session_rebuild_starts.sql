{#-
    Body of a CTE with one row per browser an incremental web run rebuilds (doc
    web_incremental_sessions): anonymous_id, rebuild_from and session_number_offset.
    - `touched_views`: a CTE with anonymous_id and touched_at, the times at which the
      browser's views changed (a null touched_at: rebuild its whole history);
    - `loaded_sessions`: the sessions already written ({{ this }}, or its session
      starts), with anonymous_id, session_started_at and session_number;
    - `all_rows`: a CTE with every browser's anonymous_id (Spark only, see below).
    rebuild_from is the start of the latest loaded session that began at or before the
    earliest touched time, null (the whole history) when there is none; the views
    from rebuild_from on are sessionized again and the sessions before it are kept,
    session_number_offset of them. A view touched at or after rebuild_from cannot
    change a kept session: it is at least the timeout after the kept views.
    On Spark, whose insert_overwrite replaces whole partitions, every browser of each
    touched bucket is rebuilt whole (keys_in_rebuilt_partitions).
-#}
{% macro session_rebuild_starts(touched_views, loaded_sessions, all_rows) -%}
    {{ return(adapter.dispatch('session_rebuild_starts', 'lead_lifecycle')(
        touched_views, loaded_sessions, all_rows
    )) }}
{%- endmacro %}

{% macro default__session_rebuild_starts(touched_views, loaded_sessions, all_rows) -%}
    select
        touched.anonymous_id,
        max(loaded_sessions.session_started_at) as rebuild_from,
        coalesce(max(loaded_sessions.session_number) - 1, 0) as session_number_offset
    from (
        select
            anonymous_id,
            case when count(touched_at) = count(*) then min(touched_at) end as touched_at
        from {{ touched_views }}
        group by anonymous_id
    ) as touched
    left join {{ loaded_sessions }} as loaded_sessions
        on
            touched.anonymous_id = loaded_sessions.anonymous_id
            and loaded_sessions.session_started_at <= touched.touched_at
    group by touched.anonymous_id
{%- endmacro %}

{% macro spark__session_rebuild_starts(touched_views, loaded_sessions, all_rows) -%}
    select
        anonymous_id,
        cast(null as {{ dbt.type_timestamp() }}) as rebuild_from,
        0 as session_number_offset
    from (
        {{ lead_lifecycle.keys_in_rebuilt_partitions(touched_views, all_rows, 'anonymous_id') }}
    ) as rebuilt_anonymous_ids
{%- endmacro %}
