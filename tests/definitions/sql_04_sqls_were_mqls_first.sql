{{ config(**lead_lifecycle.definition_test_config('SQL-04', 'sql')) }}

{{ lead_lifecycle.definition_rule_test('SQL-04') }}
