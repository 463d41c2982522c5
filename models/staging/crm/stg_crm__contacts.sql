with

latest_versions as (
    {{ lead_lifecycle.latest_versions('crm', 'contacts', [
        'lastmodifieddate desc nulls last',
        'createdate desc nulls last',
    ]) }}
),

renamed as (
    select
        hs_object_id as contact_id,
        lower(email) as email,
        firstname as first_name,
        lastname as last_name,
        phone,
        jobtitle as job_title,
        company as company_name,
        associatedcompanyid as company_id,
        upper(country) as country_code,
        hs_analytics_source as original_source,
        hs_analytics_source_data_1 as original_source_detail,
        hubspot_owner_id as owner_id,
        lifecyclestage as crm_lifecycle_stage,
        hs_lead_status as crm_lead_status,
        createdate as created_at,
        lastmodifieddate as updated_at,
        coalesce(archived, false) as is_deleted,
        merged_into_object_id as merged_into_contact_id
    from latest_versions
),

final as (
    select
        contact_id,
        email,
        {{ dbt.split_part('email', "'@'", 2) }} as email_domain,
        first_name,
        last_name,
        phone,
        phone is not null as has_phone,
        job_title,
        company_name,
        company_id,
        country_code,
        original_source,
        original_source_detail,
        owner_id,
        crm_lifecycle_stage,
        crm_lead_status,
        created_at,
        updated_at,
        is_deleted,
        merged_into_contact_id,
        merged_into_contact_id is not null as is_merged,
        coalesce(upper(original_source_detail) = 'IMPORT', false) as is_imported
    from renamed
)

select * from final
