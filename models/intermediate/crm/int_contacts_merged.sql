{#-
    Follows every contact's merge chain (A merged into B merged into C) hop by hop,
    with one join per hop up to var('contact_merge_max_depth'): portable SQL, no
    recursive CTE. A chain that comes back to a contact it already visited is a
    cycle; its members all resolve to the smallest contact id of the cycle.
-#}
{%- set max_depth = var('contact_merge_max_depth') | int -%}

with

contacts as (
    select
        contact_id,
        merged_into_contact_id
    from {{ ref('stg_crm__contacts') }}
),

merge_edges as (
    -- an edge only to a contact present in the export; a self-merge is no merge
    select
        merged_contacts.contact_id,
        merged_contacts.merged_into_contact_id
    from contacts as merged_contacts
    inner join contacts as surviving_contacts
        on merged_contacts.merged_into_contact_id = surviving_contacts.contact_id
    where merged_contacts.merged_into_contact_id <> merged_contacts.contact_id
),

hops_0 as (
    select
        contact_id,
        contact_id as hop_contact_id,
        0 as hop_depth
    from contacts
),

{% for depth in range(1, max_depth + 1) %}
    hops_{{ depth }} as (
        select
            previous_hops.contact_id,
            merge_edges.merged_into_contact_id as hop_contact_id,
            {{ depth }} as hop_depth
        from hops_{{ depth - 1 }} as previous_hops
        inner join merge_edges
            on previous_hops.hop_contact_id = merge_edges.contact_id
    ),

{% endfor %}
all_hops as (
    {% for depth in range(0, max_depth + 1) %}
        select
            contact_id,
            hop_contact_id,
            hop_depth
        from hops_{{ depth }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

chain_ends as (
    select
        contact_id,
        max(hop_depth) as chain_length
    from all_hops
    group by contact_id
),

last_hops as (
    select
        chain_ends.contact_id,
        chain_ends.chain_length,
        all_hops.hop_contact_id as last_hop_contact_id,
        merge_edges.contact_id is null as is_last_hop_terminal
    from chain_ends
    inner join all_hops
        on
            chain_ends.contact_id = all_hops.contact_id
            and chain_ends.chain_length = all_hops.hop_depth
    left join merge_edges
        on all_hops.hop_contact_id = merge_edges.contact_id
),

repeated_hops as (
    -- contacts visited twice on one chain: the members of a merge cycle
    select
        contact_id,
        hop_contact_id,
        min(hop_depth) as first_hop_depth
    from all_hops
    group by contact_id, hop_contact_id
    having count(*) > 1
),

cycle_survivors as (
    select
        contact_id,
        min(hop_contact_id) as cycle_surviving_contact_id
    from repeated_hops
    group by contact_id
),

cycle_survivor_depths as (
    select
        cycle_survivors.contact_id,
        cycle_survivors.cycle_surviving_contact_id,
        repeated_hops.first_hop_depth as cycle_merge_depth
    from cycle_survivors
    inner join repeated_hops
        on
            cycle_survivors.contact_id = repeated_hops.contact_id
            and cycle_survivors.cycle_surviving_contact_id = repeated_hops.hop_contact_id
),

final as (
    select
        last_hops.contact_id,
        coalesce(
            cycle_survivor_depths.cycle_surviving_contact_id,
            last_hops.last_hop_contact_id
        ) as surviving_contact_id,
        coalesce(
            cycle_survivor_depths.cycle_merge_depth,
            last_hops.chain_length
        ) as merge_depth,
        -- the record the funnel counts: the end of its own chain
        coalesce(
            cycle_survivor_depths.cycle_surviving_contact_id,
            last_hops.last_hop_contact_id
        ) = last_hops.contact_id as is_surviving,
        cycle_survivor_depths.contact_id is not null as has_merge_cycle,
        (
            last_hops.is_last_hop_terminal
            or cycle_survivor_depths.contact_id is not null
        ) as is_merge_chain_resolved
    from last_hops
    left join cycle_survivor_depths
        on last_hops.contact_id = cycle_survivor_depths.contact_id
)

select * from final
