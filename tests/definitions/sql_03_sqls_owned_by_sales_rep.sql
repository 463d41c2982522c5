{{ config(**lead_lifecycle.definition_test_config('SQL-03', 'sql')) }}

{{ lead_lifecycle.definition_rule_test('SQL-03') }}
