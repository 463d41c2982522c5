{#-
    ISO 8601 calendar date text (YYYY-MM-DD) to a date; anything else null
    (impossible dates such as 2025-02-30 are null on engines with a safe cast).
-#}
{% macro parse_date(expression) -%}
    case
        when {{ lead_lifecycle.matches_regex(expression, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') }}
            then {{ lead_lifecycle.try_cast(expression, 'date') }}
    end
{%- endmacro %}
