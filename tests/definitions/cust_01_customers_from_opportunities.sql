{{ config(**lead_lifecycle.definition_test_config('CUST-01', 'customer')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'CUST-01', lead_lifecycle.check_cust_01_customers_from_opportunities()
) }}
