{{ config(**lead_lifecycle.definition_test_config('SQL-01', 'sql')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'SQL-01', lead_lifecycle.check_sql_01_sqls_accepted_after_conversation()
) }}
