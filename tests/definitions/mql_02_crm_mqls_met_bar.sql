{{ config(**lead_lifecycle.definition_test_config('MQL-02', 'mql')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'MQL-02', lead_lifecycle.check_mql_02_crm_mqls_met_bar()
) }}
