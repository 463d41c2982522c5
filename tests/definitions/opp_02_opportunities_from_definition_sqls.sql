{{ config(**lead_lifecycle.definition_test_config('OPP-02', 'opportunity')) }}

{{ lead_lifecycle.definition_rule_test('OPP-02') }}
