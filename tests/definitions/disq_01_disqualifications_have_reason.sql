{{ config(**lead_lifecycle.definition_test_config('DISQ-01', 'disqualification')) }}

{{ lead_lifecycle.definition_rule_test('DISQ-01') }}
