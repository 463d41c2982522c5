{#-
    Every CRM engagement (call, meeting, email, note, task) on the surviving contact of
    its merge chain, with the role of the user who performed it and whether it is a
    logged conversation: an engagement type and outcome listed in the seed
    logged_conversations (doc def_logged_conversation). The one place the lifecycle,
    the SQL definition, its checks and the response SLAs read engagements from.
-#}

with

engagements as (
    select * from {{ ref('stg_crm__engagements') }}
),

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

users as (
    select * from {{ ref('stg_crm__users') }}
),

logged_conversations as (
    select * from {{ ref('logged_conversations') }}
),

final as (
    select
        engagements.engagement_id,
        engagements.engagement_type,
        engagements.outcome,
        engagements.direction,
        engagements.occurred_at,
        engagements.logged_at,
        engagements.duration_seconds,
        engagements.owner_id,
        upper(users.role) as owner_role,
        engagements.contact_id as recorded_contact_id,
        coalesce(contacts_merged.surviving_contact_id, engagements.contact_id) as contact_id,
        engagements.company_id,
        coalesce(engagements.is_deleted, false) as is_deleted,
        logged_conversations.engagement_type is not null as is_logged_conversation
    from engagements
    left join contacts_merged
        on engagements.contact_id = contacts_merged.contact_id
    left join users
        on engagements.owner_id = users.user_id
    left join logged_conversations
        on
            lower(engagements.engagement_type) = lower(logged_conversations.engagement_type)
            and lower(engagements.outcome) = lower(logged_conversations.outcome)
)

select * from final
