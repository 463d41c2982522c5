{{ config(**lead_lifecycle.definition_test_config('SQL-05', 'sql')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'SQL-05', lead_lifecycle.check_sql_05_crm_sqls_meet_definition()
) }}
