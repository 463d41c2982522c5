{{ config(**lead_lifecycle.definition_test_config('STAGE-01', 'lead')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'STAGE-01', lead_lifecycle.check_stage_01_dates_in_order()
) }}
