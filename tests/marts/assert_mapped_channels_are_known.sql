{{
    config(
        tags=['marts', 'reference'],
        meta={
            'checks': 'Every channel a mapping rule can assign exists in dim_channels'
        }
    )
}}

-- Every channel the channel_mapping rules (and the CRM fallback mapping) can assign
-- has a row in channel_groups, so dim_channels covers every channel a mart shows.
with

assigned as (
    select distinct channel from {{ ref('channel_mapping') }}
    union
    select distinct channel from {{ ref('original_source_channels') }}
),

known as (
    select channel from {{ ref('dim_channels') }}
)

select assigned.channel
from assigned
left join known
    on assigned.channel = known.channel
where known.channel is null
