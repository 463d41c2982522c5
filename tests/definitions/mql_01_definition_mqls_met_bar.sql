{{ config(**lead_lifecycle.definition_test_config('MQL-01', 'mql')) }}

{{ lead_lifecycle.definition_rule_test('MQL-01') }}
