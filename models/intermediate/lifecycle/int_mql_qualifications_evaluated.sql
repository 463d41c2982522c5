{#-
    The written MQL definition (doc def_mql), evaluated for every contact that meets
    it: the first moment its lead score reaches mql_score_threshold with at least
    mql_min_distinct_actions distinct actions, or its first qualifying direct
    conversation, whichever comes first. On a tie the conversation path is recorded.
-#}

with

scores as (
    select * from {{ ref('int_lead_scores_accumulated') }}
),

signals as (
    select * from {{ ref('int_lead_signals_unioned') }}
),

score_qualifications as (
    select
        contact_id,
        min(valid_from) as qualified_at,
        'score' as qualification_path,
        2 as path_priority
    from scores
    where meets_mql_bar
    group by 1
),

conversation_qualifications as (
    select
        contact_id,
        min(occurred_at) as qualified_at,
        'direct_conversation' as qualification_path,
        1 as path_priority
    from signals
    where is_qualified_conversation
    group by 1
),

qualifications as (
    select * from score_qualifications
    union all
    select * from conversation_qualifications
),

qualifications_ranked as (
    select
        *,
        row_number() over (
            partition by contact_id
            order by qualified_at, path_priority
        ) as qualification_rank
    from qualifications
),

final as (
    select
        contact_id,
        min(case when qualification_rank = 1 then qualified_at end)
            as qualifies_as_mql_at,
        min(case when qualification_rank = 1 then qualification_path end)
            as mql_qualification_path,
        min(case when qualification_path = 'score' then qualified_at end)
            as score_qualified_at,
        min(case when qualification_path = 'direct_conversation' then qualified_at end)
            as conversation_qualified_at
    from qualifications_ranked
    group by 1
)

select * from final
