{{ config(**lead_lifecycle.definition_test_config('SQL-02', 'sql')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'SQL-02', lead_lifecycle.check_sql_02_sqls_have_qualification_fields()
) }}
