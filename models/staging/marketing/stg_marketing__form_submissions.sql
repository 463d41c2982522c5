{{ lead_lifecycle.assert_raw_columns('marketing', 'form_submissions') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('marketing', 'form_submissions') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

versions_ranked as (
    select
        *,
        row_number() over (
            partition by conversion_id
            order by submitted_at desc
        ) as version_rank
    from usable_rows
),

final as (
    select
        conversion_id as form_submission_id,
        form_guid as form_id,
        form_name,
        form_type,
        submitted_at,
        page_url,
        {{ lead_lifecycle.url_path('page_url') }} as page_path,
        page_title,
        lower(email) as email,
        contact_id,
        firstname as first_name,
        lastname as last_name,
        phone,
        company as company_name,
        jobtitle as job_title,
        upper(country) as country_code,
        hutk as anonymous_id
    from versions_ranked
    where version_rank = 1
)

select * from final
