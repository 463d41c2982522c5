{{ config(**lead_lifecycle.definition_test_config('MQL-01', 'mql')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'MQL-01', lead_lifecycle.check_mql_01_definition_mqls_met_bar()
) }}
