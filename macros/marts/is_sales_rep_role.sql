{#-
    True when a CRM user role is one of var sales_rep_roles: the users whose
    engagements are sales touches (dim_sales_reps.is_sales_role, response SLAs).
-#}
{% macro is_sales_rep_role(role_column) -%}
    {{ role_column }} in (
        {%- for role in var('sales_rep_roles') %}
            '{{ role }}'{% if not loop.last %},{% endif %}
        {%- endfor %}
    )
{%- endmacro %}
