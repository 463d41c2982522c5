{{ lead_lifecycle.assert_raw_columns('crm', 'users') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('crm', 'users') }}
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
            order by createdat desc nulls last, archived desc nulls last
        ) as version_rank
    from usable_rows
),

final as (
    select
        id as user_id,
        lower(email) as email,
        firstname as first_name,
        lastname as last_name,
        nullif(
            trim({{ dbt.concat(["coalesce(firstname, '')", "' '", "coalesce(lastname, '')"]) }}),
            ''
        ) as full_name,
        upper(role) as role,  -- noqa: RF04
        team_name,
        createdat as created_at,
        not coalesce(archived, false) as is_active
    from versions_ranked
    where version_rank = 1
)

select * from final
