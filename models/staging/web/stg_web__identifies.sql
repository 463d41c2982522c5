{{ lead_lifecycle.assert_raw_columns('web', 'identifies') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('web', 'identifies') }}
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
        id as identify_id,
        anonymous_id,
        user_id,
        lower(email) as email,
        "timestamp" as identified_at,  -- noqa: RF06
        received_at
    from versions_ranked
    where version_rank = 1
)

select * from final
