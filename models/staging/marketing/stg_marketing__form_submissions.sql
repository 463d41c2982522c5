with

latest_versions as (
    {{ lead_lifecycle.latest_versions('marketing', 'form_submissions', [
        'submitted_at desc',
    ]) }}
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
    from latest_versions
)

select * from final
