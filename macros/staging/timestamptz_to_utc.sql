{#-
    A time-zone-aware timestamp column (for example a Parquet timestamp with tz=UTC)
    to the UTC wall-clock timestamp without time zone that the warehouse uses.
-#}
{% macro timestamptz_to_utc(expression) -%}
    {{ return(adapter.dispatch('timestamptz_to_utc', 'lead_lifecycle')(expression)) }}
{%- endmacro %}

{% macro default__timestamptz_to_utc(expression) -%}
    ({{ expression }} at time zone 'UTC')
{%- endmacro %}

{% macro duckdb__timestamptz_to_utc(expression) -%}
    timezone('UTC', {{ expression }})
{%- endmacro %}

{% macro spark__timestamptz_to_utc(expression) -%}
    to_utc_timestamp({{ expression }}, current_timezone())
{%- endmacro %}
