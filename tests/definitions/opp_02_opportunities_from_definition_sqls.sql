{{ config(**lead_lifecycle.definition_test_config('OPP-02', 'opportunity')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'OPP-02', lead_lifecycle.check_opp_02_opportunities_from_definition_sqls()
) }}
