{#-
    Wraps the rows a definition rule checks into a dbt test whose outcome the
    steward sets in seeds/governance/definition_rules.csv.

    `checked_sql` returns one row per thing checked (a lead, an SQL, an SQL and one
    of its qualification fields...) with at least the columns contact_id,
    checked_at, check_detail, observed and is_violation (1 or 0). The test returns
    the violating rows, each carrying the totals (rows_checked, violations) and two
    flags computed from the rule's seed row: exceeds_warn_limit and
    exceeds_error_limit. `definition_test_config` points dbt's warn_if / error_if at
    those flags, so the seed decides pass / warn / fail at run time and `dbt seed`
    is the only step after a steward edits a threshold.

    A rule missing from the seed falls back to severity error, '>0': a typo in a
    rule id can never silence a test.

    Publish first, then judge (doc definition_rules_judged_last): the test also
    depends on fct_definition_compliance, a mart nothing is built from. dbt makes a
    node wait for a test only when the node descends from every parent of the test,
    so no model waits for a definition test: a failing error-level rule fails the
    build (its exit code) after every mart, the compliance mart included, is built.
-#}
{% macro evaluate_definition_rule(rule_id, checked_sql, threshold_vars=[]) -%}
-- depends_on: {{ ref('fct_definition_compliance') }}
with

checked as (
    {{ checked_sql }}
),

definition_rules as (
    select * from {{ ref('definition_rules') }}
),

rule_settings as (
    select
        rule_id,
        severity,
        {{ lead_lifecycle.resolve_threshold_vars('warn_if', threshold_vars) }} as warn_if,
        {{ lead_lifecycle.resolve_threshold_vars('error_if', threshold_vars) }} as error_if
    from definition_rules
    where rule_id = '{{ rule_id }}'
),

totals as (
    select
        count(*) as rows_checked,
        coalesce(sum(is_violation), 0) as violations
    from checked
),

limits as (
    select
        totals.rows_checked,
        totals.violations,
        coalesce(rule_settings.severity, 'error') as severity,
        coalesce(rule_settings.warn_if, '>0') as warn_if,
        coalesce(rule_settings.error_if, '>0') as error_if
    from totals
    left join rule_settings
        on 1 = 1
),

flagged_limits as (
    select
        rows_checked,
        violations,
        severity,
        warn_if,
        error_if,
        {{ lead_lifecycle.definition_threshold_exceeded(
            'warn_if', 'violations', 'rows_checked'
        ) }} as exceeds_warn_limit,
        case
            when severity = 'error'
                then {{ lead_lifecycle.definition_threshold_exceeded(
                    'error_if', 'violations', 'rows_checked'
                ) }}
            else 0
        end as exceeds_error_limit
    from limits
),

final as (
    select
        '{{ rule_id }}' as rule_id,
        checked.contact_id,
        checked.checked_at,
        checked.check_detail,
        checked.observed,
        flagged_limits.rows_checked,
        flagged_limits.violations,
        flagged_limits.severity,
        flagged_limits.warn_if,
        flagged_limits.error_if,
        flagged_limits.exceeds_warn_limit,
        flagged_limits.exceeds_error_limit
    from checked
    cross join flagged_limits
    where checked.is_violation = 1
)

select * from final
{%- endmacro %}
