{#- Incremental on DuckDB and PostgreSQL: a run re-ranks the keys with new arrivals
    (doc staging_arrival_window); a table on Spark. -#}
{{ config(unique_key='identify_id') }}

with

latest_versions as (
    {{ lead_lifecycle.latest_versions('web', 'identifies', [
        'received_at desc',
        adapter.quote('timestamp') ~ ' desc',
    ], arrival_column='received_at') }}
),

final as (
    select
        id as identify_id,
        anonymous_id,
        user_id,
        lower(email) as email,
        {{ adapter.quote('timestamp') }} as identified_at,
        received_at
    from latest_versions
)

select * from final
