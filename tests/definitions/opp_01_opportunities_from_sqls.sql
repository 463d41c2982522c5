{{ config(**lead_lifecycle.definition_test_config('OPP-01', 'opportunity')) }}

{{ lead_lifecycle.definition_rule_test('OPP-01') }}
