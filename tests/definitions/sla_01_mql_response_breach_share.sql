{{ config(**lead_lifecycle.definition_test_config('SLA-01', 'sla')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'SLA-01',
    lead_lifecycle.check_sla_01_mql_response_breach_share(),
    threshold_vars=['mql_sla_breach_share_limit'],
) }}
