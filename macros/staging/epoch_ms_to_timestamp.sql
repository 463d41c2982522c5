{#-
    A whole number of milliseconds since 1970-01-01 UTC to a UTC timestamp without
    time zone.
-#}
{% macro epoch_ms_to_timestamp(expression) -%}
    {{ return(adapter.dispatch('epoch_ms_to_timestamp', 'lead_lifecycle')(expression)) }}
{%- endmacro %}

{% macro default__epoch_ms_to_timestamp(expression) -%}
    {{ dbt.dateadd(
        'millisecond',
        expression,
        "cast('1970-01-01 00:00:00' as " ~ dbt.type_timestamp() ~ ")"
    ) }}
{%- endmacro %}

{% macro duckdb__epoch_ms_to_timestamp(expression) -%}
    epoch_ms(cast({{ expression }} as bigint))
{%- endmacro %}

{% macro spark__epoch_ms_to_timestamp(expression) -%}
    timestamp_millis(cast({{ expression }} as bigint))
{%- endmacro %}
