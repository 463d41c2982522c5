{#-
    Renders a list var as a SQL list of lower-case string literals for an `in (...)`
    test, e.g. ['SDR', 'AE'] -> ('sdr', 'ae'). Quotes are escaped. Values are lower-cased
    so comparisons can be made on lower(column) whatever the case in the var.
-#}
{% macro lifecycle_sql_list(values) -%}
    {%- if values is string -%}{%- set values = [values] -%}{%- endif -%}
    {%- set quoted = [] -%}
    {%- for value in values -%}
        {%- do quoted.append("'" ~ (value | string | lower | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    ({{ quoted | join(', ') if quoted else 'null' }})
{%- endmacro %}
