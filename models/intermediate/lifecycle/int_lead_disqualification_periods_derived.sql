{#-
    The periods in which each surviving contact was disqualified (doc
    def_stage_history), the overlay of int_lead_stages_historized. From the CRM
    property history (var lead_stage_history_input = 'property_history'): the first
    disqualification to the recycling (open when never recycled), and a later
    disqualification that stays. From the snapshot ('snapshot'): the periods in which
    snapshot_crm_contacts saw a disqualifying lead status (var
    disqualified_lead_statuses) on any record merged into the contact.
-#}
{%- set history_input = var('lead_stage_history_input', 'property_history') -%}
{%- if history_input not in ['property_history', 'snapshot'] -%}
    {{ exceptions.raise_compiler_error(
        "var lead_stage_history_input must be property_history or snapshot, not '"
        ~ history_input ~ "'"
    ) }}
{%- elif history_input == 'snapshot' -%}
    {{ lead_lifecycle.assert_snapshots_supported('var lead_stage_history_input: snapshot') }}
{%- endif -%}

with

{% if history_input == 'snapshot' -%}
contact_snapshots as (
    select * from {{ ref('snapshot_crm_contacts') }}
),

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

periods as (
    select
        coalesce(contacts_merged.surviving_contact_id, contact_snapshots.contact_id)
            as contact_id,
        contact_snapshots.contact_id as recorded_contact_id,
        contact_snapshots.dbt_valid_from as period_start,
        contact_snapshots.dbt_valid_to as period_end,
        'snapshot' as stage_source
    from contact_snapshots
    left join contacts_merged
        on contact_snapshots.contact_id = contacts_merged.contact_id
    where
        lower(contact_snapshots.crm_lead_status)
        in {{ lifecycle_sql_list(var('disqualified_lead_statuses')) }}
),
{%- else -%}
    lifecycles as (
        select * from {{ ref('int_lead_lifecycles_derived') }}
    ),

    periods as (
        select
            contact_id,
            contact_id as recorded_contact_id,
            disqualified_at as period_start,
            recycled_at as period_end,
            'crm' as stage_source
        from lifecycles
        where disqualified_at is not null
        union all
        select
            contact_id,
            contact_id as recorded_contact_id,
            latest_disqualified_at as period_start,
            cast(null as {{ dbt.type_timestamp() }}) as period_end,
            'crm' as stage_source
        from lifecycles
        where recycled_at is not null and latest_disqualified_at > recycled_at
    ),
{%- endif %}

final as (
    select
        {{ generate_surrogate_key(['recorded_contact_id', 'period_start']) }}
            as disqualification_period_id,
        contact_id,
        recorded_contact_id,
        period_start,
        period_end,
        stage_source
    from periods
)

select * from final
