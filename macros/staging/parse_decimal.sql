{#-
    Text to a decimal number: optional sign, digits, optional '.' fraction,
    optional exponent (1e+20, as some exporters write large numbers).
    Thousands separators, a ',' decimal separator or currency symbols give null.
-#}
{% macro parse_decimal(expression) -%}
    case
        when {{ lead_lifecycle.matches_regex(expression, '^[-+]?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$') }}
            then {{ lead_lifecycle.try_cast(expression, dbt.type_numeric()) }}
    end
{%- endmacro %}
