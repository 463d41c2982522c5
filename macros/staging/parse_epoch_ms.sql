{#-
    An epoch as text (plain digits) to a UTC timestamp without time zone: milliseconds
    since 1970-01-01 UTC (HubSpot API convention), or seconds when the number is below
    100,000,000,000 (an export that wrote seconds; in milliseconds that would be before
    March 1973). Text that is not plain digits gives null.
-#}
{% macro parse_epoch_ms(expression) -%}
    case
        when {{ lead_lifecycle.matches_regex(expression, '^[0-9]{1,15}$') }}
            then {{ lead_lifecycle.epoch_to_timestamp(
                lead_lifecycle.try_cast(expression, dbt.type_bigint())
            ) }}
    end
{%- endmacro %}

{#- A whole-number epoch to a UTC timestamp: seconds below 1e11, milliseconds above. -#}
{% macro epoch_to_timestamp(expression) -%}
    {{ lead_lifecycle.epoch_ms_to_timestamp(
        "case when abs(" ~ expression ~ ") < 100000000000 then (" ~ expression
        ~ ") * 1000 else " ~ expression ~ " end"
    ) }}
{%- endmacro %}
