with

-- no modification date in the export: a closed version of a deal is later than an
-- open one, and the latest close wins
latest_versions as (
    {{ lead_lifecycle.latest_versions('crm', 'deals', [
        'closedate desc nulls last',
        'createdate desc nulls last',
        'archived desc nulls last',
    ]) }}
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
    from latest_versions
)

select * from final
