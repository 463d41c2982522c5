{{ lead_lifecycle.assert_raw_columns('crm', 'deal_stage_history') }}

with

source as (
    {{ lead_lifecycle.contract_typed_rows('crm', 'deal_stage_history') }}
),

usable_rows as (
    select * from source
    where quarantine_reason is null
),

versions_ranked as (
    select
        *,
        row_number() over (
            partition by deal_id, dealstage, "timestamp"  -- noqa: RF06
            order by updated_by_user_id desc nulls last
        ) as version_rank
    from usable_rows
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            ['deal_id', 'dealstage', '"timestamp"']
        ) }} as deal_stage_change_id,
        deal_id,
        dealstage as deal_stage,
        "timestamp" as entered_at,  -- noqa: RF06
        updated_by_user_id as changed_by_user_id
    from versions_ranked
    where version_rank = 1
)

select * from final
