{{ config(**lead_lifecycle.definition_test_config('STAGE-01', 'lead')) }}

{{ lead_lifecycle.definition_rule_test('STAGE-01') }}
