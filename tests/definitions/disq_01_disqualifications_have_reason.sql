{{ config(**lead_lifecycle.definition_test_config('DISQ-01', 'disqualification')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'DISQ-01', lead_lifecycle.check_disq_01_disqualifications_have_reason()
) }}
