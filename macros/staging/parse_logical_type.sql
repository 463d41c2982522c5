{#-
    Casts raw text (already passed through empty_to_null) to the warehouse type of a
    contract logical type (see scripts/contract.py). A value that does not parse
    gives null, which contract_typed_rows turns into a quarantine reason (required
    column) or a nulled value (optional column). A timestamp column also accepts an
    epoch written as plain digits (seconds or milliseconds, by magnitude).
-#}
{% macro parse_logical_type(expression, logical_type) -%}
    {%- if logical_type == 'string' -%}
        {{ expression }}
    {%- elif logical_type == 'integer' -%}
        {{ lead_lifecycle.parse_integer(expression) }}
    {%- elif logical_type == 'decimal' -%}
        {{ lead_lifecycle.parse_decimal(expression) }}
    {%- elif logical_type == 'boolean' -%}
        {{ lead_lifecycle.parse_boolean(expression) }}
    {%- elif logical_type == 'timestamp' -%}
        coalesce(
            {{ lead_lifecycle.parse_iso_timestamp(expression) }},
            {{ lead_lifecycle.parse_epoch_ms(expression) }}
        )
    {%- elif logical_type == 'epoch_ms' -%}
        {{ lead_lifecycle.parse_epoch_ms(expression) }}
    {%- elif logical_type == 'date' -%}
        {{ lead_lifecycle.parse_date(expression) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown contract logical type " ~ logical_type) }}
    {%- endif -%}
{%- endmacro %}
