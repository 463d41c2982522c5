with

latest_versions as (
    {{ lead_lifecycle.latest_versions('crm', 'users', [
        'createdat desc nulls last',
        'archived desc nulls last',
    ]) }}
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
    from latest_versions
)

select * from final
