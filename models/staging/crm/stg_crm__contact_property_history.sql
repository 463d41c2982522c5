with

-- the key is (contact, property, instant, value); rows repeating it are the same
-- change exported twice, and the most attributed version (with a user) is kept
latest_versions as (
    {{ lead_lifecycle.latest_versions('crm', 'contact_property_history', [
        'updated_by_user_id desc nulls last',
        'source_type asc',
        'source_id asc',
    ]) }}
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            ['object_id', 'property_name', adapter.quote('timestamp'), 'value']
        ) }} as property_change_id,
        object_id as contact_id,
        property_name,
        value as property_value,
        {{ adapter.quote('timestamp') }} as changed_at,
        source_type as change_source_type,
        source_id as change_source_id,
        updated_by_user_id as changed_by_user_id
    from latest_versions
)

select * from final
