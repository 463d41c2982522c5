{#-
    Unit test of the threshold notation of seeds/governance/definition_rules.csv
    (macros definition_threshold_exceeded and resolve_threshold_vars): every case
    states the expected flag; the test fails with each case that disagrees.
-#}
{%- set share_var = 'mql_sla_breach_share_limit' -%}
{%- set share_percent = (var(share_var) | float * 100) -%}

with

cases as (
    select '>0' as threshold, 0 as violations, 10 as rows_checked, 0 as expected
    union all select '>0', 1, 10, 1
    union all select ' >0 ', 1, 10, 1
    union all select '>=10', 9, 100, 0
    union all select '>=10', 10, 100, 1
    union all select '>10', 10, 100, 0
    union all select '>2%', 2, 100, 0
    union all select '>2%', 3, 100, 1
    union all select '>=5%', 5, 100, 1
    union all select '>=5%', 4, 100, 0
    union all select '>2%', 0, 0, 0
    union all select 'never', 100, 100, 0
    union all select '', 5, 10, 0
    union all select '>lots', 1, 10, 1
    union all select '>lots', 0, 10, 0
    union all select 'at most 3', 1, 10, 1
    union all select '>var({{ share_var }})', {{ share_percent | int }}, 100, 0
    union all select '>var({{ share_var }})', {{ share_percent | int + 1 }}, 100, 1
),

resolved as (
    select
        {{ lead_lifecycle.resolve_threshold_vars('threshold', [share_var]) }} as threshold,
        violations,
        rows_checked,
        expected
    from cases
),

final as (
    select
        threshold,
        violations,
        rows_checked,
        expected,
        {{ lead_lifecycle.definition_threshold_exceeded('threshold', 'violations', 'rows_checked') }}
            as actual
    from resolved
)

select * from final
where actual <> expected
