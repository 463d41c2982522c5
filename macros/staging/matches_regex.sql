{#-
    True when the text `expression` matches the regular expression `pattern`
    (POSIX / RE2 syntax; anchor it with ^ and $ for a full match). Null stays null.
-#}
{% macro matches_regex(expression, pattern) -%}
    {{ return(adapter.dispatch('matches_regex', 'lead_lifecycle')(expression, pattern)) }}
{%- endmacro %}

{% macro default__matches_regex(expression, pattern) -%}
    ({{ expression }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__matches_regex(expression, pattern) -%}
    regexp_matches({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__matches_regex(expression, pattern) -%}
    ({{ expression }} rlike '{{ pattern }}')
{%- endmacro %}
