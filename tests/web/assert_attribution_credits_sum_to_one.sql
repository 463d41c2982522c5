-- Linear and position-based credits each sum to 1 (within 1e-9) for every lead with
-- at least one touch (doc web_attribution).
{{ config(tags=['web'], meta={'rule': 'attribution credits sum to 1 per converted lead'}) }}

with

credits as (
    select * from {{ ref('int_attribution_credits_allocated') }}
),

lead_totals as (
    select
        contact_id,
        count(*) as touches,
        sum(linear_credit) as linear_total,
        sum(position_based_credit) as position_based_total
    from credits
    group by contact_id
)

select * from lead_totals
where
    abs(linear_total - 1) > 1e-9
    or abs(position_based_total - 1) > 1e-9
