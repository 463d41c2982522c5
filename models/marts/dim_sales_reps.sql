{#-
    One row per CRM user with role and team. No personal data: names and e-mails are
    dropped (an unsalted hash of an e-mail would be re-identified by hashing the users'
    e-mails); reps appear as a label of role and id.
-#}

with

users as (
    select * from {{ ref('stg_crm__users') }}
),

final as (
    select
        user_id as sales_rep_id,
        role,
        team_name,
        {{ dbt.concat(["role", "' #'", "cast(user_id as " ~ dbt.type_string() ~ ")"]) }}
            as sales_rep_label,
        {{ is_sales_rep_role('role') }} as is_sales_role,
        created_at,
        is_active
    from users
)

select * from final
