{{ lead_lifecycle.assert_raw_columns('web', 'tracks') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('web', 'tracks') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

versions_ranked as (
    select
        *,
        row_number() over (
            partition by id
            order by received_at desc, "timestamp" desc  -- noqa: RF06
        ) as version_rank
    from usable_rows
),

final as (
    select
        id as track_id,
        anonymous_id,
        user_id,
        lower(event) as event_name,
        event_text,
        "timestamp" as occurred_at,  -- noqa: RF06
        received_at,
        context_page_path as page_path,
        context_page_url as page_url
    from versions_ranked
    where version_rank = 1
)

select * from final
