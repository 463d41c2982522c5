{#-
    A threshold in the definition_rules seed may name a project var instead of a
    number, as in '>var(mql_sla_breach_share_limit)'. The var's value is a share
    (0.2) and is written into the threshold as a percentage ('>20%'), so the limit
    lives in dbt_project.yml once and the seed only points at it. Only the vars
    listed by the rule (threshold_vars) are resolved.
-#}
{% macro resolve_threshold_vars(column, threshold_vars=[]) -%}
    {%- set expression = namespace(sql=column) -%}
    {%- for var_name in threshold_vars -%}
        {%- set expression.sql = "replace(" ~ expression.sql ~ ", 'var(" ~ var_name ~ ")', '"
            ~ (var(var_name) | float * 100) ~ "%')" -%}
    {%- endfor -%}
    {{ expression.sql }}
{%- endmacro %}
