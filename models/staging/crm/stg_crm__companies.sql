{{ lead_lifecycle.assert_raw_columns('crm', 'companies') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('crm', 'companies') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

-- the export has no modification date: among differing rows of one company the one
-- created last wins, then an archived version (a deletion is the later event)
versions_ranked as (
    select
        *,
        row_number() over (
            partition by hs_object_id
            order by createdate desc nulls last, archived desc nulls last
        ) as version_rank
    from usable_rows
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
    from versions_ranked
    where version_rank = 1
)

select * from final
