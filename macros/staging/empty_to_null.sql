{#-
    Raw text as staging reads it: cast to text, surrounding spaces trimmed, and the
    empty string turned into null (exports write "no value" as an empty field).
-#}
{% macro empty_to_null(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}
