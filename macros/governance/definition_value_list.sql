{#-
    A var's list of values as a lower-case SQL in-list: ['SDR', 'AE'] -> ('sdr', 'ae').
    A single string is treated as a one-element list; an empty list gives (null),
    which matches nothing.
-#}
{% macro definition_value_list(values) -%}
    {%- if values is string -%}{%- set values = [values] -%}{%- endif -%}
    {%- set quoted = [] -%}
    {%- for value in values -%}
        {%- do quoted.append("'" ~ (value | string | lower | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    ({{ quoted | join(', ') if quoted else 'null' }})
{%- endmacro %}
