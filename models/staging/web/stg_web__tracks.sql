{#- Incremental on DuckDB and PostgreSQL: a run re-ranks the keys with new arrivals
    (doc staging_arrival_window); a table on Spark. -#}
{{ config(unique_key='track_id') }}

with

latest_versions as (
    {{ lead_lifecycle.latest_versions('web', 'tracks', [
        'received_at desc',
        adapter.quote('timestamp') ~ ' desc',
    ], arrival_column='received_at') }}
),

final as (
    select
        id as track_id,
        anonymous_id,
        user_id,
        lower(event) as event_name,
        event_text,
        {{ adapter.quote('timestamp') }} as occurred_at,
        received_at,
        context_page_path as page_path,
        context_page_url as page_url
    from latest_versions
)

select * from final
