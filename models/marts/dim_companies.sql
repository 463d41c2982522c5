with

companies as (
    select * from {{ ref('stg_crm__companies') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

contact_counts as (
    select
        company_id,
        count(*) as contact_count
    from contacts
    where
        company_id is not null
        and not is_deleted
        and not is_merged
    group by 1
),

final as (
    select
        companies.company_id,
        companies.company_name,
        companies.domain,
        companies.industry,
        companies.employee_count,
        case
            when companies.employee_count is null then 'unknown'
            when companies.employee_count < 50 then '1-49'
            when companies.employee_count < 250 then '50-249'
            when companies.employee_count < 1000 then '250-999'
            else '1000+'
        end as employee_band,
        companies.annual_revenue,
        companies.country_code,
        companies.created_at,
        companies.is_deleted,
        coalesce(contact_counts.contact_count, 0) as contact_count
    from companies
    left join contact_counts
        on companies.company_id = contact_counts.company_id
)

select * from final
