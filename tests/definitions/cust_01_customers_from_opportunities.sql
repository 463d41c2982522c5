{{ config(**lead_lifecycle.definition_test_config('CUST-01', 'customer')) }}

{{ lead_lifecycle.definition_rule_test('CUST-01') }}
