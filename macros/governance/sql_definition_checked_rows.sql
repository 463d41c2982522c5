{#-
    The rows the SQL rules (SQL-01..05) check: the SQL definition criterion by
    criterion (sql_definition_met_at) at every non-null `checked_at_column` of
    int_lead_lifecycles_derived (sql_at or crm_sql_at), as contact_id, checked_at,
    check_detail, observed, is_violation. `check_detail_condition`, when given,
    is a SQL condition on check_detail keeping only the criteria a rule checks.
-#}
{% macro sql_definition_checked_rows(checked_at_column, check_detail_condition=none) -%}
{%- set moments -%}
select
    contact_id,
    {{ checked_at_column }} as checked_at,
    mql_at,
    owner_id
from {{ ref('int_lead_lifecycles_derived') }}
where {{ checked_at_column }} is not null
{%- endset -%}
select
    contact_id,
    checked_at,
    check_detail,
    observed,
    is_violation
from ({{ lead_lifecycle.sql_definition_met_at(moments) }}) as sql_checks
{%- if check_detail_condition is not none %}
where {{ check_detail_condition }}
{%- endif -%}
{%- endmacro %}
