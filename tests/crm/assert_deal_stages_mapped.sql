{{
    config(
        severity='warn',
        store_failures=true,
        schema='audit',
        tags=['crm', 'unknown_values'],
        meta={
            'checks': 'Deal stages that no rule of the seed deal_stage_categories maps; they count as open (won when flagged won) until a row is added'
        }
    )
}}

-- One row per pipeline and stage the seed does not know, with how many deals are in
-- it: add a row to seeds/crm/deal_stage_categories.csv and run dbt seed.
select
    pipeline,
    deal_stage,
    stage_category as counted_as,
    count(*) as deal_count
from {{ ref('int_deals_categorized') }}
where not is_stage_mapped
group by pipeline, deal_stage, stage_category
