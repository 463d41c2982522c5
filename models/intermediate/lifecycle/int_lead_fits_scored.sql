{#-
    Fit score of every surviving contact against the ideal customer profile in the
    icp_criteria seed (doc def_fit_score): per criterion the best matching rule's
    points, summed over criteria. Text rules are SQL like patterns compared in lower
    case; numeric rules (employee_count) use range_min..range_max.
-#}

with

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

companies as (
    select * from {{ ref('stg_crm__companies') }}
),

icp_criteria as (
    select * from {{ ref('icp_criteria') }}
),

surviving_contacts as (
    select
        contacts.contact_id,
        contacts.job_title,
        contacts.company_id,
        contacts.country_code
    from contacts
    left join contacts_merged
        on contacts.contact_id = contacts_merged.contact_id
    -- a record missing from the merge table was never merged
    where coalesce(contacts_merged.is_surviving, true)
),

contact_attributes as (
    select
        surviving_contacts.contact_id,
        'job_title' as attribute_name,
        lower(trim(surviving_contacts.job_title)) as text_value,
        cast(null as {{ dbt.type_numeric() }}) as numeric_value
    from surviving_contacts
    union all
    select
        surviving_contacts.contact_id,
        'industry' as attribute_name,
        lower(trim(companies.industry)) as text_value,
        cast(null as {{ dbt.type_numeric() }}) as numeric_value
    from surviving_contacts
    inner join companies
        on surviving_contacts.company_id = companies.company_id
    union all
    select
        surviving_contacts.contact_id,
        'employee_count' as attribute_name,
        cast(null as {{ dbt.type_string() }}) as text_value,
        cast(companies.employee_count as {{ dbt.type_numeric() }}) as numeric_value
    from surviving_contacts
    inner join companies
        on surviving_contacts.company_id = companies.company_id
    union all
    select
        surviving_contacts.contact_id,
        'country_code' as attribute_name,
        lower(trim(coalesce(surviving_contacts.country_code, companies.country_code)))
            as text_value,
        cast(null as {{ dbt.type_numeric() }}) as numeric_value
    from surviving_contacts
    left join companies
        on surviving_contacts.company_id = companies.company_id
),

criteria_matched as (
    select
        contact_attributes.contact_id,
        icp_criteria.criterion,
        max(icp_criteria.fit_points) as fit_points
    from contact_attributes
    inner join icp_criteria
        on contact_attributes.attribute_name = icp_criteria.attribute
    where
        (
            icp_criteria.value is not null
            and contact_attributes.text_value like lower(icp_criteria.value)
        )
        or (
            icp_criteria.value is null
            and contact_attributes.numeric_value
            between icp_criteria.range_min and icp_criteria.range_max
        )
    group by 1, 2
),

criteria_summed as (
    select
        contact_id,
        sum(fit_points) as fit_score,
        count(*) as matched_criteria_count,
        {{ dbt.listagg("criterion", "', '", "order by criterion") }} as matched_criteria
    from criteria_matched
    group by 1
),

final as (
    select
        surviving_contacts.contact_id,
        coalesce(criteria_summed.fit_score, 0) as fit_score,
        coalesce(criteria_summed.matched_criteria_count, 0) as matched_criteria_count,
        criteria_summed.matched_criteria
    from surviving_contacts
    left join criteria_summed
        on surviving_contacts.contact_id = criteria_summed.contact_id
)

select * from final
