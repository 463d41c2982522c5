{#-
    The current state of every CRM contact as the contacts export gives it (lifecycle
    stage, lead status, owner) plus the current value of each qualification field
    (latest change in the property history). This is what snapshot_crm_contacts
    records over time, standing in for a property history on CRMs that export none.
-#}
{%- set required_fields = var('sql_required_qualification_fields') -%}
{%- if required_fields is string -%}{%- set required_fields = [required_fields] -%}{%- endif -%}
{{ config(materialized='view') }}

with

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

property_history as (
    select * from {{ ref('stg_crm__contact_property_history') }}
),

qualification_values_ranked as (
    select
        contact_id,
        lower(property_name) as property_name,
        nullif(trim(property_value), '') as property_value,
        row_number() over (
            partition by contact_id, lower(property_name)
            order by changed_at desc, property_change_id desc
        ) as recency_rank
    from property_history
    -- a prefix test, not like 'qualification\_%' escape ...: escapes differ per engine
    where substr(lower(property_name), 1, 14) = 'qualification_'
),

qualification_values as (
    select
        contact_id,
        {%- for field in required_fields %}
            max(
                case
                    when property_name = 'qualification_{{ field | lower }}' then property_value
                end
            ) as qualification_{{ field | lower }},
        {%- endfor %}
        count(*) as qualification_field_count
    from qualification_values_ranked
    where recency_rank = 1
    group by 1
),

final as (
    select
        contacts.contact_id,
        contacts.crm_lifecycle_stage,
        contacts.crm_lead_status,
        contacts.owner_id,
        {%- for field in required_fields %}
            qualification_values.qualification_{{ field | lower }},
        {%- endfor %}
        contacts.is_deleted,
        contacts.merged_into_contact_id,
        coalesce(contacts.updated_at, contacts.created_at) as updated_at
    from contacts
    left join qualification_values
        on contacts.contact_id = qualification_values.contact_id
)

select * from final
