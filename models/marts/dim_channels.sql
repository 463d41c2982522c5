with

channel_groups as (
    select * from {{ ref('channel_groups') }}
),

channel_mapping as (
    select * from {{ ref('channel_mapping') }}
),

mapping_rules as (
    select
        channel,
        count(*) as mapping_rule_count,
        min(priority) as best_mapping_priority
    from channel_mapping
    group by 1
),

final as (
    select
        channel_groups.channel,
        channel_groups.channel_group,
        channel_groups.is_paid,
        channel_groups.sort_order,
        channel_groups.description,
        coalesce(mapping_rules.mapping_rule_count, 0) as mapping_rule_count,
        mapping_rules.best_mapping_priority
    from channel_groups
    left join mapping_rules
        on channel_groups.channel = mapping_rules.channel
)

select * from final
