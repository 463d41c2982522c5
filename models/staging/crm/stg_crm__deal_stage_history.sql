with

latest_versions as (
    {{ lead_lifecycle.latest_versions('crm', 'deal_stage_history', [
        'updated_by_user_id desc nulls last',
    ]) }}
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            ['deal_id', 'dealstage', adapter.quote('timestamp')]
        ) }} as deal_stage_change_id,
        deal_id,
        dealstage as deal_stage,
        {{ adapter.quote('timestamp') }} as entered_at,
        updated_by_user_id as changed_by_user_id
    from latest_versions
)

select * from final
