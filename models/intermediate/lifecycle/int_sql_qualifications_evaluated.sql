{#-
    The written SQL definition (doc def_sql), evaluated at every sales acceptance of
    every contact: a logged conversation at or before it, each required qualification
    field holding a positive value at that moment, and the official MQL moment at or
    before it. qualifies_as_sql_at is the first acceptance that passes all three. The
    first acceptance's checks are kept so a steward can see why a CRM SQL fails.
-#}
{%- set required_fields = var('sql_required_qualification_fields') -%}
{%- if required_fields is string -%}{%- set required_fields = [required_fields] -%}{%- endif -%}

with

history_on_survivors as (
    select * from {{ ref('int_contact_property_history_remapped') }}
),

engagements as (
    select * from {{ ref('int_engagements_remapped') }}
),

crm_stages as (
    select * from {{ ref('int_crm_stages_pivoted') }}
),

mql_qualifications as (
    select * from {{ ref('int_mql_qualifications_evaluated') }}
),

acceptances as (
    select
        history_on_survivors.contact_id,
        history_on_survivors.property_change_id as acceptance_id,
        history_on_survivors.changed_at as accepted_at,
        history_on_survivors.changed_by_user_id as accepted_by_user_id
    from history_on_survivors
    where
        history_on_survivors.property_name = 'lifecyclestage'
        and lower(history_on_survivors.property_value) = 'salesqualifiedlead'
        and lower(history_on_survivors.changed_by_role)
        in {{ lifecycle_sql_list(var('sql_accepting_roles')) }}
),

first_conversations as (
    select
        contact_id,
        min(occurred_at) as first_conversation_at
    from engagements
    where is_logged_conversation and not is_deleted
    group by 1
),

qualification_changes as (
    select
        contact_id,
        property_change_id,
        property_name,
        property_value,
        changed_at
    from history_on_survivors
    where property_name in (
            {%- for field in required_fields %}
                'qualification_{{ field | lower }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
),

field_values_at_acceptance as (
    -- the value each required field held at each acceptance: the latest change at or
    -- before it
    select
        acceptances.acceptance_id,
        qualification_changes.property_name,
        qualification_changes.property_value,
        row_number() over (
            partition by acceptances.acceptance_id, qualification_changes.property_name
            order by
                qualification_changes.changed_at desc, qualification_changes.property_change_id desc
        ) as value_rank
    from acceptances
    inner join qualification_changes
        on
            acceptances.contact_id = qualification_changes.contact_id
            and acceptances.accepted_at >= qualification_changes.changed_at
),

positive_fields_at_acceptance as (
    select
        acceptance_id,
        count(*) as positive_field_count
    from field_values_at_acceptance
    where
        value_rank = 1
        and property_value is not null
        and lower(property_value)
        not in {{ lifecycle_sql_list(var('sql_qualification_negative_values')) }}
    group by 1
),

acceptances_checked as (
    select
        acceptances.contact_id,
        acceptances.acceptance_id,
        acceptances.accepted_at,
        acceptances.accepted_by_user_id,
        coalesce(first_conversations.first_conversation_at <= acceptances.accepted_at, false)
            as has_logged_conversation,
        coalesce(positive_fields_at_acceptance.positive_field_count, 0)
        >= {{ required_fields | length }} as has_required_fields,
        coalesce(
            {{ official_mql_at('mql_qualifications.qualifies_as_mql_at', 'crm_stages.crm_mql_at') }}
            <= acceptances.accepted_at,
            false
        ) as was_mql_before,
        row_number() over (
            partition by acceptances.contact_id
            order by acceptances.accepted_at, acceptances.acceptance_id
        ) as acceptance_rank
    from acceptances
    left join first_conversations
        on acceptances.contact_id = first_conversations.contact_id
    left join positive_fields_at_acceptance
        on acceptances.acceptance_id = positive_fields_at_acceptance.acceptance_id
    left join mql_qualifications
        on acceptances.contact_id = mql_qualifications.contact_id
    left join crm_stages
        on acceptances.contact_id = crm_stages.contact_id
),

final as (
    select
        contact_id,
        min(case when acceptance_rank = 1 then accepted_at end) as first_sales_accepted_at,
        min(
            case
                when has_logged_conversation and has_required_fields and was_mql_before
                    then accepted_at
            end
        ) as qualifies_as_sql_at,
        max(case when acceptance_rank = 1 and has_logged_conversation then 1 else 0 end) = 1
            as first_acceptance_has_conversation,
        max(case when acceptance_rank = 1 and has_required_fields then 1 else 0 end) = 1
            as first_acceptance_has_required_fields,
        max(case when acceptance_rank = 1 and was_mql_before then 1 else 0 end) = 1
            as first_acceptance_was_mql,
        count(*) as sales_acceptance_count
    from acceptances_checked
    group by 1
)

select * from final
