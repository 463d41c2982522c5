{#-
    Milliseconds since 1970-01-01 UTC (HubSpot API convention), as text, to a UTC
    timestamp without time zone. Text that is not plain digits gives null.
-#}
{% macro parse_epoch_ms(expression) -%}
    case
        when {{ lead_lifecycle.matches_regex(expression, '^[0-9]{1,15}$') }}
            then {{ lead_lifecycle.epoch_ms_to_timestamp(lead_lifecycle.try_cast(expression, dbt.type_bigint())) }}
    end
{%- endmacro %}
