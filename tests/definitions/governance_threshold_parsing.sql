{#-
    Unit test of the threshold notation of seeds/governance/definition_rules.csv
    (macros definition_threshold_exceeded and resolve_threshold_vars): every case
    states the expected flag; the test fails with each case that disagrees.
-#}
{%- set share_var = 'mql_sla_breach_share_limit' -%}
{%- set share_percent = (var(share_var) | float * 100) | int -%}
{%- set cases = [
    ('>0', 0, 10, 0),
    ('>0', 1, 10, 1),
    (' >0 ', 1, 10, 1),
    ('>=10', 9, 100, 0),
    ('>=10', 10, 100, 1),
    ('>10', 10, 100, 0),
    ('>2%', 2, 100, 0),
    ('>2%', 3, 100, 1),
    ('>=5%', 5, 100, 1),
    ('>=5%', 4, 100, 0),
    ('>2%', 0, 0, 0),
    ('never', 100, 100, 0),
    ('', 5, 10, 0),
    ('>lots', 1, 10, 1),
    ('>lots', 0, 10, 0),
    ('at most 3', 1, 10, 1),
    ('>var(' ~ share_var ~ ')', share_percent, 100, 0),
    ('>var(' ~ share_var ~ ')', share_percent + 1, 100, 1),
] -%}

with

cases as (
    {%- for threshold, violations, rows_checked, expected in cases %}
        select
            '{{ threshold }}' as threshold,
            {{ violations }} as violations,
            {{ rows_checked }} as rows_checked,
            {{ expected }} as expected
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
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
        {{ lead_lifecycle.definition_threshold_exceeded(
            'threshold', 'violations', 'rows_checked'
        ) }} as actual
    from resolved
)

select * from final
where actual <> expected
