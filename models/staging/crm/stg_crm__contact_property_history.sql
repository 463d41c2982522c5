{{ lead_lifecycle.assert_raw_columns('crm', 'contact_property_history') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('crm', 'contact_property_history') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

-- the key is (contact, property, instant, value); rows repeating it are the same
-- change exported twice, and the most attributed version (with a user) is kept
versions_ranked as (
    select
        *,
        row_number() over (
            partition by object_id, property_name, "timestamp", value  -- noqa: RF06
            order by updated_by_user_id desc nulls last, source_type asc, source_id asc
        ) as version_rank
    from usable_rows
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            ['object_id', 'property_name', '"timestamp"', 'value']
        ) }} as property_change_id,
        object_id as contact_id,
        property_name,
        value as property_value,
        "timestamp" as changed_at,  -- noqa: RF06
        source_type as change_source_type,
        source_id as change_source_id,
        updated_by_user_id as changed_by_user_id
    from versions_ranked
    where version_rank = 1
)

select * from final
