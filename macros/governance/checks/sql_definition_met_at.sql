{#-
    The SQL definition checked criterion by criterion, one row per contact in
    `moments_sql` (columns contact_id, checked_at, mql_at, owner_id) and criterion,
    with is_violation 1 when the criterion does not hold at checked_at:
      sales acceptance      the lifecycle stage was set to salesqualifiedlead at
                            checked_at by a user in var('sql_accepting_roles')
      logged conversation   an engagement of the seed logged_conversations (a call
                            CONNECTED or a meeting COMPLETED by default), not deleted,
                            on the contact (merged records included) at or before it
      field:<name>          each of var('sql_required_qualification_fields') held a
                            value at that moment, not empty and not one of
                            var('sql_qualification_negative_values')
      sales owner           the contact's owner is a user in var('sales_rep_roles')
      mql first             mql_at at or before it, or a qualifying direct
                            conversation at or before it
    It reads the same shared concepts as int_sql_qualifications_evaluated (the
    remapped property history and engagements) but evaluates each criterion on its
    own, so a steward sees which one fails.
-#}
{% macro sql_definition_met_at(moments_sql) -%}
{%- set required_fields = var('sql_required_qualification_fields') -%}
{%- if required_fields is string -%}{%- set required_fields = [required_fields] -%}{%- endif -%}
with

moments as (
    {{ moments_sql }}
),

history as (
    select * from {{ ref('int_contact_property_history_remapped') }}
),

engagements as (
    select * from {{ ref('int_engagements_remapped') }}
),

users as (
    select * from {{ ref('stg_crm__users') }}
),

signals as (
    select * from {{ ref('int_lead_signals_unioned') }}
),

acceptances as (
    select distinct
        moments.contact_id,
        moments.checked_at
    from moments
    inner join history
        on
            moments.contact_id = history.contact_id
            and history.changed_at = moments.checked_at
    inner join users
        on history.changed_by_user_id = users.user_id
    where
        history.property_name = 'lifecyclestage'
        and lower(history.property_value) = 'salesqualifiedlead'
        and lower(users.role) in {{ lead_lifecycle.lifecycle_sql_list(var('sql_accepting_roles')) }}
),

conversations as (
    select
        moments.contact_id,
        moments.checked_at,
        min(engagements.occurred_at) as first_conversation_at
    from moments
    inner join engagements
        on
            moments.contact_id = engagements.contact_id
            and engagements.occurred_at <= moments.checked_at
    where engagements.is_logged_conversation and not engagements.is_deleted
    group by 1, 2
),

required_fields as (
    {%- for field in required_fields %}
    select '{{ field | lower }}' as field_name
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

field_values_ranked as (
    select
        moments.contact_id,
        moments.checked_at,
        required_fields.field_name,
        history.property_value,
        row_number() over (
            partition by moments.contact_id, moments.checked_at, required_fields.field_name
            order by history.changed_at desc, history.property_change_id desc
        ) as value_rank
    from moments
    cross join required_fields
    inner join history
        on
            moments.contact_id = history.contact_id
            and history.property_name = 'qualification_' || required_fields.field_name
            and history.changed_at <= moments.checked_at
),

field_checks as (
    select
        moments.contact_id,
        moments.checked_at,
        'field:' || required_fields.field_name as check_detail,
        coalesce(field_values_ranked.property_value, 'empty') as observed,
        case
            when field_values_ranked.property_value is null then 1
            when lower(field_values_ranked.property_value)
                in {{ lead_lifecycle.lifecycle_sql_list(var('sql_qualification_negative_values')) }}
                then 1
            else 0
        end as is_violation
    from moments
    cross join required_fields
    left join field_values_ranked
        on
            moments.contact_id = field_values_ranked.contact_id
            and moments.checked_at = field_values_ranked.checked_at
            and required_fields.field_name = field_values_ranked.field_name
            and field_values_ranked.value_rank = 1
),

direct_conversations as (
    {{ lead_lifecycle.direct_conversations_by_moment('moments', 'signals') }}
),

moment_checks as (
    select
        moments.contact_id,
        moments.checked_at,
        case when acceptances.contact_id is null then 1 else 0 end as lacks_acceptance,
        case when conversations.first_conversation_at is null then 1 else 0 end
            as lacks_conversation,
        case when users.user_id is null then 1 else 0 end as lacks_sales_owner,
        case
            when moments.mql_at <= moments.checked_at then 0
            when direct_conversations.first_direct_conversation_at is not null then 0
            else 1
        end as lacks_mql_first,
        coalesce(cast(moments.owner_id as {{ dbt.type_string() }}), 'none') as owner_text,
        coalesce(cast(moments.mql_at as {{ dbt.type_string() }}), 'none') as mql_text,
        coalesce(cast(conversations.first_conversation_at as {{ dbt.type_string() }}), 'none')
            as conversation_text
    from moments
    left join acceptances
        on
            moments.contact_id = acceptances.contact_id
            and moments.checked_at = acceptances.checked_at
    left join conversations
        on
            moments.contact_id = conversations.contact_id
            and moments.checked_at = conversations.checked_at
    left join users
        on
            moments.owner_id = users.user_id
            and lower(users.role) in {{ lead_lifecycle.lifecycle_sql_list(var('sales_rep_roles')) }}
    left join direct_conversations
        on
            moments.contact_id = direct_conversations.contact_id
            and moments.checked_at = direct_conversations.checked_at
),

final as (
    select
        contact_id,
        checked_at,
        'sales acceptance' as check_detail,
        'accepted by a sales role at this moment: '
        || case when lacks_acceptance = 1 then 'no' else 'yes' end as observed,
        lacks_acceptance as is_violation
    from moment_checks
    union all
    select
        contact_id,
        checked_at,
        'logged conversation' as check_detail,
        'first logged conversation: ' || conversation_text as observed,
        lacks_conversation as is_violation
    from moment_checks
    union all
    select
        contact_id,
        checked_at,
        check_detail,
        observed,
        is_violation
    from field_checks
    union all
    select
        contact_id,
        checked_at,
        'sales owner' as check_detail,
        'owner_id: ' || owner_text as observed,
        lacks_sales_owner as is_violation
    from moment_checks
    union all
    select
        contact_id,
        checked_at,
        'mql first' as check_detail,
        'mql_at: ' || mql_text as observed,
        lacks_mql_first as is_violation
    from moment_checks
)

select * from final
{%- endmacro %}
