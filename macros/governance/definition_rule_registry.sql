{#-
    The list of definition rules the warehouse checks, in report order. Each entry
    names the rule (its row in seeds/governance/definition_rules.csv), the
    definition it belongs to, its singular test under tests/definitions/ and the
    project vars its thresholds may name. fct_definition_compliance and
    `definition_rule_check_sql` read this list; a pytest checks that the seed, this
    list and the tests agree.
-#}
{% macro definition_rule_registry() -%}
    {{ return([
        {'rule_id': 'LEAD-01', 'definition': 'lead', 'test': 'lead_01_leads_dated'},
        {'rule_id': 'STAGE-01', 'definition': 'lead', 'test': 'stage_01_dates_in_order'},
        {'rule_id': 'MQL-01', 'definition': 'mql', 'test': 'mql_01_definition_mqls_met_bar'},
        {'rule_id': 'MQL-02', 'definition': 'mql', 'test': 'mql_02_crm_mqls_met_bar'},
        {'rule_id': 'MQL-03', 'definition': 'mql', 'test': 'mql_03_mqls_passed_to_sales'},
        {'rule_id': 'SQL-01', 'definition': 'sql', 'test': 'sql_01_sqls_accepted_after_conversation'},
        {'rule_id': 'SQL-02', 'definition': 'sql', 'test': 'sql_02_sqls_have_qualification_fields'},
        {'rule_id': 'SQL-03', 'definition': 'sql', 'test': 'sql_03_sqls_owned_by_sales_rep'},
        {'rule_id': 'SQL-04', 'definition': 'sql', 'test': 'sql_04_sqls_were_mqls_first'},
        {'rule_id': 'SQL-05', 'definition': 'sql', 'test': 'sql_05_crm_sqls_meet_definition'},
        {'rule_id': 'OPP-01', 'definition': 'opportunity', 'test': 'opp_01_opportunities_from_sqls'},
        {'rule_id': 'OPP-02', 'definition': 'opportunity', 'test': 'opp_02_opportunities_from_definition_sqls'},
        {'rule_id': 'CUST-01', 'definition': 'customer', 'test': 'cust_01_customers_from_opportunities'},
        {'rule_id': 'DISQ-01', 'definition': 'disqualification', 'test': 'disq_01_disqualifications_have_reason'},
        {'rule_id': 'SLA-01', 'definition': 'sla', 'test': 'sla_01_mql_response_breach_share',
            'threshold_vars': ['mql_sla_breach_share_limit']},
    ]) }}
{%- endmacro %}
