{#-
    A timestamp without time zone that holds wall-clock time in time_zone (an IANA
    name such as 'Europe/Berlin'; default: the var raw_timestamp_time_zone, itself
    'UTC' by default) to the UTC timestamp without time zone the warehouse uses. For
    UTC the expression is returned unchanged. Daylight-saving gaps and overlaps follow
    the engine's rules.
-#}
{% macro local_timestamp_to_utc(expression, time_zone=none) -%}
    {%- set time_zone = time_zone or var('raw_timestamp_time_zone', 'UTC') -%}
    {%- if time_zone | upper in ('UTC', 'Z', 'ETC/UTC', 'GMT') -%}
        {{ return(expression) }}
    {%- endif -%}
    {{ return(adapter.dispatch('local_timestamp_to_utc', 'lead_lifecycle')(
        expression, time_zone | replace("'", "")
    )) }}
{%- endmacro %}

{% macro default__local_timestamp_to_utc(expression, time_zone) -%}
    (({{ expression }}) at time zone '{{ time_zone }}' at time zone 'UTC')
{%- endmacro %}

{% macro duckdb__local_timestamp_to_utc(expression, time_zone) -%}
    timezone('UTC', timezone('{{ time_zone }}', {{ expression }}))
{%- endmacro %}

{% macro spark__local_timestamp_to_utc(expression, time_zone) -%}
    to_utc_timestamp({{ expression }}, '{{ time_zone }}')
{%- endmacro %}
