{#-
    One row per anonymous id that was ever tied to a person. Evidence, strongest
    first: identify calls (user_id, else email), form submissions (hutk + the
    contact id when the export has one, else email),
    user_id on page and track calls. Contact ids are mapped to the surviving
    contact of their merge chain. When one browser was tied to several people,
    the earliest identification wins (see doc web_identity_stitching).

    Why it stays one model of about 165 lines: its CTEs are one concept, the evidence
    that ties a browser to a person (three kinds, each a few lines, all ranked in one
    place); contact ids and e-mails are already resolved upstream
    (int_contacts_merged, int_contact_emails_resolved).
-#}
with

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

contacts_by_email as (
    select * from {{ ref('int_contact_emails_resolved') }}
),

identifies as (
    select * from {{ ref('stg_web__identifies') }}
),

form_submissions as (
    select * from {{ ref('stg_marketing__form_submissions') }}
),

page_views as (
    -- the sessionized table, not the staging view: one scan of a stored table
    select * from {{ ref('int_page_views_sessionized') }}
),

tracks as (
    select * from {{ ref('stg_web__tracks') }}
),

contact_ids_as_text as (
    select
        contact_id,
        surviving_contact_id,
        cast(contact_id as {{ dbt.type_string() }}) as user_id
    from contacts_merged
),

identify_evidence as (
    select
        identifies.anonymous_id,
        coalesce(
            contacts_by_user_id.surviving_contact_id,
            contacts_by_email.surviving_contact_id
        ) as contact_id,
        identifies.identified_at,
        'identify' as stitched_via,
        1 as evidence_priority
    from identifies
    left join contact_ids_as_text as contacts_by_user_id
        on identifies.user_id = contacts_by_user_id.user_id
    left join contacts_by_email
        on identifies.email = contacts_by_email.email
),

form_evidence as (
    -- the submission's contact id when the export carries a known one, else its email
    select
        form_submissions.anonymous_id,
        coalesce(
            contacts_by_form_contact_id.surviving_contact_id,
            contacts_by_email.surviving_contact_id
        ) as contact_id,
        form_submissions.submitted_at as identified_at,
        'form' as stitched_via,
        2 as evidence_priority
    from form_submissions
    left join contacts_merged as contacts_by_form_contact_id
        on form_submissions.contact_id = contacts_by_form_contact_id.contact_id
    left join contacts_by_email
        on form_submissions.email = contacts_by_email.email
    where
        form_submissions.anonymous_id is not null
        and coalesce(
            contacts_by_form_contact_id.surviving_contact_id,
            contacts_by_email.surviving_contact_id
        ) is not null
),

user_id_calls as (
    select
        anonymous_id,
        user_id,
        min(viewed_at) as first_seen_at
    from page_views
    where user_id is not null
    group by anonymous_id, user_id

    union all

    select
        anonymous_id,
        user_id,
        min(occurred_at) as first_seen_at
    from tracks
    where user_id is not null
    group by anonymous_id, user_id
),

user_id_evidence as (
    select
        user_id_calls.anonymous_id,
        contact_ids_as_text.surviving_contact_id as contact_id,
        user_id_calls.first_seen_at as identified_at,
        'user_id' as stitched_via,
        3 as evidence_priority
    from user_id_calls
    inner join contact_ids_as_text
        on user_id_calls.user_id = contact_ids_as_text.user_id
),

evidence as (
    select * from identify_evidence
    where contact_id is not null
    union all
    select * from form_evidence
    union all
    select * from user_id_evidence
),

evidence_ranked as (
    select
        anonymous_id,
        contact_id,
        identified_at,
        stitched_via,
        row_number() over (
            partition by anonymous_id
            order by identified_at, evidence_priority, contact_id
        ) as evidence_rank
    from evidence
),

candidate_counts as (
    select
        anonymous_id,
        count(distinct contact_id) as candidate_contact_count
    from evidence
    group by anonymous_id
),

final as (
    select
        evidence_ranked.anonymous_id,
        evidence_ranked.contact_id,
        evidence_ranked.identified_at as first_identified_at,
        evidence_ranked.stitched_via,
        candidate_counts.candidate_contact_count
    from evidence_ranked
    inner join candidate_counts
        on evidence_ranked.anonymous_id = candidate_counts.anonymous_id
    where evidence_ranked.evidence_rank = 1
)

select * from final
