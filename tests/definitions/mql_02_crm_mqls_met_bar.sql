{{ config(**lead_lifecycle.definition_test_config('MQL-02', 'mql')) }}

{{ lead_lifecycle.definition_rule_test('MQL-02') }}
