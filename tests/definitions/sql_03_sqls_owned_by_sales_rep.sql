{{ config(**lead_lifecycle.definition_test_config('SQL-03', 'sql')) }}

{{ lead_lifecycle.evaluate_definition_rule(
    'SQL-03', lead_lifecycle.check_sql_03_sqls_owned_by_sales_rep()
) }}
