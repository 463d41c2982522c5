{{ config(**lead_lifecycle.definition_test_config('OPP-01', 'opportunity')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'OPP-01', lead_lifecycle.check_opp_01_opportunities_from_sqls()
) }}
