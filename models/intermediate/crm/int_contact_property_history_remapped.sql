{#-
    Every change of a tracked contact property, on the surviving contact of the
    contact's merge chain (a merged record's history follows the contact it was merged
    into), with the property name in lower case, an empty value as null and the role
    of the user who made the change. The one place the CRM's stages, the SQL
    definition and its checks read the property history from.
-#}

with

property_history as (
    select * from {{ ref('stg_crm__contact_property_history') }}
),

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

users as (
    select * from {{ ref('stg_crm__users') }}
),

final as (
    select
        property_history.property_change_id,
        property_history.contact_id as recorded_contact_id,
        coalesce(contacts_merged.surviving_contact_id, property_history.contact_id)
            as contact_id,
        lower(property_history.property_name) as property_name,
        nullif(trim(property_history.property_value), '') as property_value,
        property_history.changed_at,
        property_history.changed_by_user_id,
        upper(users.role) as changed_by_role
    from property_history
    left join contacts_merged
        on property_history.contact_id = contacts_merged.contact_id
    left join users
        on property_history.changed_by_user_id = users.user_id
)

select * from final
