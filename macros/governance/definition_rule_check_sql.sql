{#-
    The checked rows of one rule (columns contact_id, checked_at, check_detail,
    observed, is_violation): the single place that maps a rule id to its check
    macro under macros/governance/checks/.
-#}
{% macro definition_rule_check_sql(rule_id) -%}
    {%- set checks = {
        'LEAD-01': lead_lifecycle.check_lead_01_leads_dated,
        'STAGE-01': lead_lifecycle.check_stage_01_dates_in_order,
        'MQL-01': lead_lifecycle.check_mql_01_definition_mqls_met_bar,
        'MQL-02': lead_lifecycle.check_mql_02_crm_mqls_met_bar,
        'MQL-03': lead_lifecycle.check_mql_03_mqls_passed_to_sales,
        'SQL-01': lead_lifecycle.check_sql_01_sqls_accepted_after_conversation,
        'SQL-02': lead_lifecycle.check_sql_02_sqls_have_qualification_fields,
        'SQL-03': lead_lifecycle.check_sql_03_sqls_owned_by_sales_rep,
        'SQL-04': lead_lifecycle.check_sql_04_sqls_were_mqls_first,
        'SQL-05': lead_lifecycle.check_sql_05_crm_sqls_meet_definition,
        'OPP-01': lead_lifecycle.check_opp_01_opportunities_from_sqls,
        'OPP-02': lead_lifecycle.check_opp_02_opportunities_from_definition_sqls,
        'CUST-01': lead_lifecycle.check_cust_01_customers_from_opportunities,
        'DISQ-01': lead_lifecycle.check_disq_01_disqualifications_have_reason,
        'SLA-01': lead_lifecycle.check_sla_01_mql_response_breaches,
    } -%}
    {%- if rule_id not in checks -%}
        {{ exceptions.raise_compiler_error("No check macro for definition rule " ~ rule_id) }}
    {%- endif -%}
    {{ return(checks[rule_id]()) }}
{%- endmacro %}
