{#-
    The prospect stage (doc def_prospect), when var('enable_prospect_stage') is on: one
    row per SQL that later had a logged meeting with a user whose role is in
    var('prospect_qualifying_roles'), dated at the first such meeting. Empty when the
    stage is off.
-#}
-- depends_on: {{ ref('int_engagements_remapped') }}

with

leads as (
    select * from {{ ref('int_leads_identified') }}
),
{%- if var('enable_prospect_stage') %}

engagements as (
    select * from {{ ref('int_engagements_remapped') }}
    where not is_deleted
),
{%- endif %}

final as (
    {%- if var('enable_prospect_stage') %}
    select
        leads.contact_id,
        min(engagements.occurred_at) as prospect_at
    from leads
    inner join engagements
        on leads.contact_id = engagements.contact_id
    where
        lower(engagements.engagement_type) = 'meeting'
        and engagements.is_logged_conversation
        and lower(engagements.owner_role)
        in {{ lifecycle_sql_list(var('prospect_qualifying_roles')) }}
        and engagements.occurred_at > leads.sql_at
    group by 1
    {%- else %}
    -- enable_prospect_stage is false: no prospect stage
        select
            contact_id,
            cast(null as {{ dbt.type_timestamp() }}) as prospect_at
        from leads
        where 1 = 0
    {%- endif %}
)

select * from final
