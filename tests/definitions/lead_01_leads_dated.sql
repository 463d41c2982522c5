{{ config(**lead_lifecycle.definition_test_config('LEAD-01', 'lead')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'LEAD-01', lead_lifecycle.check_lead_01_leads_dated()
) }}
