{#-
    Who an e-mail address belongs to (doc contact_email_owner): one row per e-mail
    address of the CRM (after lower(trim())), with the surviving contact that owns it.
    Several records can share an address (duplicates, merged records); the owner is,
    in order: a live record before a deleted one, a record that is its own survivor
    before one merged into another, the oldest record, the smallest id. Signals and
    web stitching that know a person only by e-mail both link through this model.
-#}

with

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

addresses as (
    select
        contacts.contact_id,
        lower(trim(contacts.email)) as email,
        coalesce(contacts.is_deleted, false) as is_deleted,
        contacts.created_at,
        coalesce(contacts_merged.surviving_contact_id, contacts.contact_id)
            as surviving_contact_id
    from contacts
    left join contacts_merged
        on contacts.contact_id = contacts_merged.contact_id
    where nullif(trim(contacts.email), '') is not null
),

ranked as (
    select
        email,
        surviving_contact_id,
        count(*) over (partition by email) as record_count,
        row_number() over (
            partition by email
            order by
                case when is_deleted then 1 else 0 end,
                case when contact_id = surviving_contact_id then 0 else 1 end,
                created_at,
                contact_id
        ) as owner_rank
    from addresses
),

final as (
    select
        email,
        surviving_contact_id,
        record_count
    from ranked
    where owner_rank = 1
)

select * from final
