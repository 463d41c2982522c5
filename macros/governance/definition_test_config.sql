{#-
    The dbt config every definition test shares, called as
    `{{ config(**lead_lifecycle.definition_test_config('MQL-01', 'mql')) }}`.

    - tags `definition` and the definition's name, so `dbt test --select tag:definition`
      (or tag:mql) runs them;
    - failing rows stored in the `audit` schema, one table per test;
    - severity, warn_if and error_if hand the decision to the flags that
      `evaluate_definition_rule` computes from seeds/governance/definition_rules.csv:
      the test warns when the seed's warn_if is exceeded and fails when the seed
      says severity error and its error_if is exceeded. dbt's own "failures" count
      stays the number of violating rows.
-#}
{% macro definition_test_config(rule_id, definition) -%}
    {{ return({
        'tags': ['definition', definition],
        'meta': {'rule_id': rule_id, 'definition': definition},
        'store_failures': true,
        'schema': 'audit',
        'severity': 'error',
        'fail_calc': 'count(*)',
        'warn_if': '> 0 and max(exceeds_warn_limit) = 1',
        'error_if': '> 0 and max(exceeds_error_limit) = 1',
    }) }}
{%- endmacro %}
