{#-
    One row per deal with its stage category (doc deal_stage_category): open, won or
    lost from the seed deal_stage_categories (first matching rule by priority); a
    stage the seed does not know stays open, or won when the export flags the deal
    won, and is_stage_mapped says so. Dates degrade instead of dropping the deal
    (doc deal_dates): created_at falls back to the first stage-history timestamp,
    closed_at of a closed deal to the moment it entered its closed stage; a close
    date on an open deal is only the expected close. The deal's contact is resolved
    to the surviving contact of its merge chain.
-#}

with

deals as (
    select * from {{ ref('stg_crm__deals') }}
),

deal_stage_history as (
    select * from {{ ref('stg_crm__deal_stage_history') }}
),

contacts_merged as (
    select * from {{ ref('int_contacts_merged') }}
),

deal_stage_categories as (
    select * from {{ ref('deal_stage_categories') }}
),

stage_rules_ranked as (
    select
        deals.deal_id,
        deal_stage_categories.stage_category,
        row_number() over (
            partition by deals.deal_id
            order by
                deal_stage_categories.priority,
                deal_stage_categories.deal_stage_pattern,
                deal_stage_categories.pipeline_pattern
        ) as rule_rank
    from deals
    inner join deal_stage_categories
        on
            lower(trim(deals.deal_stage)) like deal_stage_categories.deal_stage_pattern
            and lower(coalesce(deals.pipeline, '')) like deal_stage_categories.pipeline_pattern
),

stage_entries as (
    select
        deal_stage_history.deal_id,
        min(deal_stage_history.entered_at) as first_stage_entered_at,
        min(
            case
                when lower(trim(deal_stage_history.deal_stage)) = lower(trim(deals.deal_stage))
                    then deal_stage_history.entered_at
            end
        ) as current_stage_entered_at
    from deal_stage_history
    inner join deals
        on deal_stage_history.deal_id = deals.deal_id
    group by 1
),

categorized as (
    select
        deals.*,
        stage_rules_ranked.stage_category is not null as is_stage_mapped,
        coalesce(
            stage_rules_ranked.stage_category,
            case when deals.is_flagged_won then 'won' else 'open' end
        ) as stage_category,
        stage_entries.first_stage_entered_at,
        stage_entries.current_stage_entered_at
    from deals
    left join stage_rules_ranked
        on
            deals.deal_id = stage_rules_ranked.deal_id
            and stage_rules_ranked.rule_rank = 1
    left join stage_entries
        on deals.deal_id = stage_entries.deal_id
),

final as (
    select
        categorized.deal_id,
        categorized.deal_name,
        categorized.pipeline,
        categorized.deal_stage,
        categorized.stage_category,
        categorized.is_stage_mapped,
        categorized.stage_category in ('won', 'lost') as is_closed,
        categorized.stage_category = 'won' as is_won,
        categorized.stage_category = 'lost' as is_lost,
        coalesce(categorized.created_at, categorized.first_stage_entered_at) as created_at,
        categorized.created_at is not null as has_created_date,
        case
            when categorized.stage_category in ('won', 'lost')
                then coalesce(categorized.closed_at, categorized.current_stage_entered_at)
        end as closed_at,
        case
            when categorized.stage_category = 'open' then categorized.closed_at
        end as expected_close_at,
        categorized.amount,
        categorized.currency_code,
        categorized.closed_lost_reason,
        categorized.owner_id,
        categorized.contact_id,
        coalesce(contacts_merged.surviving_contact_id, categorized.contact_id)
            as surviving_contact_id,
        categorized.company_id,
        categorized.is_deleted
    from categorized
    left join contacts_merged
        on categorized.contact_id = contacts_merged.contact_id
)

select * from final
