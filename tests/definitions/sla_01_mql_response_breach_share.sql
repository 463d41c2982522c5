{{ config(**lead_lifecycle.definition_test_config('SLA-01', 'sla')) }}

{{ lead_lifecycle.definition_rule_test('SLA-01') }}
