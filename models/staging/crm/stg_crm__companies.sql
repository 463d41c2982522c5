with

-- the export has no modification date: among differing rows of one company the one
-- created last wins, then an archived version (a deletion is the later event)
latest_versions as (
    {{ lead_lifecycle.latest_versions('crm', 'companies', [
        'createdate desc nulls last',
        'archived desc nulls last',
    ]) }}
),

final as (
    select
        hs_object_id as company_id,
        name as company_name,
        lower(domain) as domain,  -- noqa: RF04
        industry,
        numberofemployees as employee_count,
        annualrevenue as annual_revenue,
        upper(country) as country_code,
        createdate as created_at,
        coalesce(archived, false) as is_deleted
    from latest_versions
)

select * from final
