{{ config(**lead_lifecycle.definition_test_config('MQL-03', 'mql')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'MQL-03', lead_lifecycle.check_mql_03_mqls_passed_to_sales()
) }}
