{{ config(**lead_lifecycle.definition_test_config('SQL-04', 'sql')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'SQL-04', lead_lifecycle.check_sql_04_sqls_were_mqls_first()
) }}
