{{ lead_lifecycle.assert_raw_columns('crm', 'deals') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('crm', 'deals') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

-- no modification date in the export: a closed version of a deal is later than an
-- open one, and the latest close wins
versions_ranked as (
    select
        *,
        row_number() over (
            partition by hs_object_id
            order by
                closedate desc nulls last,
                createdate desc nulls last,
                archived desc nulls last
        ) as version_rank
    from usable_rows
),

final as (
    select
        hs_object_id as deal_id,
        dealname as deal_name,
        amount,
        coalesce(
            upper(trim(deal_currency_code)), '{{ var("default_currency_code") }}'
        ) as currency_code,
        coalesce(pipeline, 'new_business') as pipeline,
        dealstage as deal_stage,
        createdate as created_at,
        closedate as closed_at,
        hs_is_closed_won as is_flagged_won,
        closed_lost_reason,
        hubspot_owner_id as owner_id,
        associated_contact_id as contact_id,
        associated_company_id as company_id,
        coalesce(archived, false) as is_deleted
    from versions_ranked
    where version_rank = 1
)

select * from final
