{#-
    ISO 8601 date-time text to a UTC timestamp without time zone.
    With an offset ('Z', '+01:00', '+0100', '+01') the instant is converted to UTC;
    without one (and for a date alone, which is midnight) the text is wall-clock time
    in the zone of the var raw_timestamp_time_zone (default UTC, the contract's rule),
    converted by local_timestamp_to_utc (time_zone overrides the var), so the session
    time zone never matters.
    Text that is not an ISO date-time gives null.
-#}
{% macro parse_iso_timestamp(expression, time_zone=none) -%}
    {{ return(adapter.dispatch('parse_iso_timestamp', 'lead_lifecycle')(expression, time_zone)) }}
{%- endmacro %}

{% macro iso_timestamp_pattern(with_offset) -%}
    {%- set local_part = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)?' -%}
    {%- if with_offset -%}
        {{ local_part }} ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$
    {%- else -%}
        {{ local_part }}$
    {%- endif -%}
{%- endmacro %}

{% macro default__parse_iso_timestamp(expression, time_zone=none) -%}
    case
        when {{ lead_lifecycle.matches_regex(expression, lead_lifecycle.iso_timestamp_pattern(true)) }}
            then cast({{ expression }} as timestamp with time zone) at time zone 'UTC'
        when {{ lead_lifecycle.matches_regex(expression, lead_lifecycle.iso_timestamp_pattern(false)) }}
            then {{ lead_lifecycle.local_timestamp_to_utc(
                'cast(' ~ expression ~ ' as ' ~ dbt.type_timestamp() ~ ')', time_zone
            ) }}
    end
{%- endmacro %}

{% macro duckdb__parse_iso_timestamp(expression, time_zone=none) -%}
    case
        when {{ lead_lifecycle.matches_regex(expression, lead_lifecycle.iso_timestamp_pattern(true)) }}
            then timezone('UTC', try_cast({{ expression }} as timestamptz))
        when {{ lead_lifecycle.matches_regex(expression, lead_lifecycle.iso_timestamp_pattern(false)) }}
            then {{ lead_lifecycle.local_timestamp_to_utc(
                'try_cast(' ~ expression ~ ' as timestamp)', time_zone
            ) }}
    end
{%- endmacro %}

{% macro spark__parse_iso_timestamp(expression, time_zone=none) -%}
    case
        when {{ lead_lifecycle.matches_regex(expression, lead_lifecycle.iso_timestamp_pattern(true)) }}
            then to_utc_timestamp(to_timestamp({{ expression }}), current_timezone())
        when {{ lead_lifecycle.matches_regex(expression, lead_lifecycle.iso_timestamp_pattern(false)) }}
            then {{ lead_lifecycle.local_timestamp_to_utc(
                'to_timestamp(' ~ expression ~ ')', time_zone
            ) }}
    end
{%- endmacro %}

{#- as the default, with PostgreSQL's safe cast: an impossible date-time gives null -#}
{% macro postgres__parse_iso_timestamp(expression, time_zone=none) -%}
    case
        when {{ lead_lifecycle.matches_regex(expression, lead_lifecycle.iso_timestamp_pattern(true)) }}
            then {{ lead_lifecycle.try_cast(expression, 'timestamp with time zone') }} at time zone 'UTC'
        when {{ lead_lifecycle.matches_regex(expression, lead_lifecycle.iso_timestamp_pattern(false)) }}
            then {{ lead_lifecycle.local_timestamp_to_utc(
                lead_lifecycle.try_cast(expression, 'timestamp'), time_zone
            ) }}
    end
{%- endmacro %}
