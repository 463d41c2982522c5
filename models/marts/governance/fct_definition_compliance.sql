{#-
    Compliance with the written definitions, per rule, check detail and month: how
    many rows each rule checked and how many broke it (doc governance_overview).
    Computed from the models with the same check macros the definition tests use
    (macros/governance/checks/), not from test results, so it covers every month and
    stewards see trends: CRM MQLs below the bar, leads that met the bar but were
    never handed to sales, SQLs without budget, ...
-#}
{%- set rules = lead_lifecycle.definition_rule_registry() -%}

with

definition_rules as (
    select * from {{ ref('definition_rules') }}
),

{% for rule in rules %}
    checks_{{ rule.rule_id | lower | replace('-', '_') }} as (
        {{ lead_lifecycle.definition_rule_check_sql(rule.rule_id) }}
    ),

{% endfor %}
checked_rows as (
    {%- for rule in rules %}
        select
            '{{ rule.rule_id }}' as rule_id,
            check_detail,
            checked_at,
            is_violation
        from checks_{{ rule.rule_id | lower | replace('-', '_') }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

monthly as (
    select
        rule_id,
        check_detail,
        cast({{ dbt.date_trunc('month', 'checked_at') }} as date) as month_start_date,
        count(*) as rows_checked,
        sum(is_violation) as violations
    from checked_rows
    group by 1, 2, 3
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            ['monthly.rule_id', 'monthly.check_detail', 'monthly.month_start_date']
        ) }} as definition_compliance_id,
        monthly.rule_id,
        definition_rules.definition,
        monthly.check_detail,
        monthly.month_start_date,
        monthly.rows_checked,
        monthly.violations,
        cast(monthly.violations as {{ dbt.type_numeric() }})
        / monthly.rows_checked as violation_rate,
        definition_rules.severity,
        definition_rules.owner,
        definition_rules.recorded_by,
        definition_rules.statement
    from monthly
    left join definition_rules
        on monthly.rule_id = definition_rules.rule_id
)

select * from final
