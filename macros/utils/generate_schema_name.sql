{#-
    Custom schemas are used as they are (staging, intermediate, marts, audit, ...)
    instead of dbt's default "<target_schema>_<custom>", so BI tools read a stable
    `marts` schema on every engine. Models without a custom schema use the target's.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
