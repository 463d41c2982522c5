-- Every merge chain ends on a contact that is not merged itself (or on a merge loop),
-- within contact_merge_max_depth hops (doc web_contact_merges).
{{ config(tags=['web'], meta={'rule': 'merge chains resolve to an unmerged surviving contact'}) }}

with

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

merged_survivors as (
    -- a surviving contact that still points to another existing contact
    select contacts_merged.contact_id
    from contacts_merged
    inner join contacts as survivors
        on contacts_merged.surviving_contact_id = survivors.contact_id
    inner join contacts as merge_targets
        on survivors.merged_into_contact_id = merge_targets.contact_id
    where
        not contacts_merged.has_merge_cycle
        and survivors.merged_into_contact_id <> survivors.contact_id
)

select
    contacts_merged.contact_id,
    contacts_merged.surviving_contact_id,
    contacts_merged.merge_depth
from contacts_merged
where not contacts_merged.is_merge_chain_resolved

union all

select
    contacts_merged.contact_id,
    contacts_merged.surviving_contact_id,
    contacts_merged.merge_depth
from contacts_merged
inner join merged_survivors
    on contacts_merged.contact_id = merged_survivors.contact_id
