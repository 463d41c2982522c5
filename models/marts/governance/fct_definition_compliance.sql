{#-
    Compliance with the written definitions, per rule, check detail and month: how
    many rows each rule checked and how many broke it (doc governance_overview).
    The rules are the definition tests themselves (tests/definitions/): the test of
    rule MQL-01 is named mql_01_<what it checks> and calls the macro
    check_mql_01_<what it checks>, and this mart runs every such macro, so the mart
    and the tests can never disagree (tests_py/test_definitions_catalog.py holds the
    project to the naming). Computed from the models, not from test results, so it
    covers every month and stewards see trends: CRM MQLs below the bar, leads that
    met the bar but were never handed to sales, SQLs without budget, ...
-#}
-- the models the checks read (dbt learns a model's parents while parsing, before
-- the checks are expanded):
-- depends_on: {{ ref('int_lead_lifecycles_derived') }}
-- depends_on: {{ ref('int_mql_qualifications_evaluated') }}
-- depends_on: {{ ref('int_lead_scores_accumulated') }}
-- depends_on: {{ ref('int_lead_signals_unioned') }}
-- depends_on: {{ ref('int_contact_property_history_remapped') }}
-- depends_on: {{ ref('int_engagements_remapped') }}
-- depends_on: {{ ref('stg_crm__users') }}
-- depends_on: {{ ref('fct_lead_response_sla') }}
{%- set rules = [] -%}
{%- for macro_name in lead_lifecycle.keys() | sort -%}
    {%- set parts = macro_name.split('_') -%}
    {%- if macro_name.startswith('check_') and parts | length > 3 and parts[2].isdigit() -%}
        {%- do rules.append({
            'rule_id': parts[1] | upper ~ '-' ~ parts[2],
            'check': macro_name
        }) -%}
    {%- endif -%}
{%- endfor %}

with

definition_rules as (
    select * from {{ ref('definition_rules') }}
),

{% for rule in rules %}
    checks_{{ rule.rule_id | lower | replace('-', '_') }} as (
        {{ lead_lifecycle[rule.check]() }}
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
