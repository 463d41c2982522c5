{#-
    The deals of each surviving contact (records merged into it included), summarised
    once: when it became an opportunity and a customer, and its won deals. Deleted
    deals do not count. A deal without any creation date was an opportunity at the
    latest when it closed. Won revenue is the amount of won deals in the reporting
    currency (var default_currency_code) only: amounts are never converted.
-#}

with

deals as (
    select * from {{ ref('int_deals_categorized') }}
    where not coalesce(is_deleted, false)
),

final as (
    select
        surviving_contact_id as contact_id,
        min({{ earliest_timestamp(['created_at', 'closed_at']) }}) as opportunity_at,
        min(case when is_won then closed_at end) as customer_at,
        max(case when is_won then 1 else 0 end) = 1 as has_won_deal,
        count(case when is_won then 1 end) as won_deal_count,
        sum(
            case
                when is_won and currency_code = '{{ var("default_currency_code") }}' then amount
            end
        ) as won_revenue
    from deals
    group by 1
)

select * from final
