{#-
    Text to a whole number (bigint). Only optional sign and decimal digits are
    accepted: '12.0', '1e3' or '12 apples' give null (and are quarantined when the
    column is required or non-empty), instead of being rounded as a plain cast would.
-#}
{% macro parse_integer(expression) -%}
    case
        when {{ lead_lifecycle.matches_regex(expression, '^[-+]?[0-9]{1,18}$') }}
            then {{ lead_lifecycle.try_cast(expression, dbt.type_bigint()) }}
    end
{%- endmacro %}
