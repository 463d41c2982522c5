{{ config(**lead_lifecycle.definition_test_config('LEAD-01', 'lead')) }}

{{ lead_lifecycle.definition_rule_test('LEAD-01') }}
