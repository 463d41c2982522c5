{#-
    The body of a definition rule's singular test: the rule's checked rows wrapped by
    `evaluate_definition_rule` with the rule's threshold vars from the registry.
    Each file under tests/definitions/ is
        {{ config(**lead_lifecycle.definition_test_config('MQL-01', 'mql')) }}
        {{ lead_lifecycle.definition_rule_test('MQL-01') }}

    Publish first, then judge (doc definition_rules_judged_last): the test also
    depends on fct_definition_compliance, a mart nothing is built from. dbt makes a
    node wait for a test only when the node descends from every parent of the test,
    so no model waits for a definition test: a failing error-level rule fails the
    build (its exit code) after every mart, the compliance mart included, is built.
-#}
{% macro definition_rule_test(rule_id) -%}
    {%- set entry = lead_lifecycle.definition_rule_registry()
        | selectattr('rule_id', 'equalto', rule_id) | list -%}
    {%- set threshold_vars = entry[0].get('threshold_vars', []) if entry else [] -%}
    -- depends_on: {{ ref('fct_definition_compliance') }}
    {{ lead_lifecycle.evaluate_definition_rule(
        rule_id, lead_lifecycle.definition_rule_check_sql(rule_id), threshold_vars
    ) }}
{%- endmacro %}
