{#-
    1 when `violations` breaks the threshold written in `threshold` (a column or
    SQL text expression), else 0. Thresholds read like dbt's warn_if / error_if:
        '>0'    more than 0 violating rows        '>=10'  at least 10 rows
        '>2%'   more than 2% of the rows checked  '>=5%'  at least 5% of them
        'never' (or empty) never
    Anything else is treated as '>0', so a malformed threshold cannot hide a failure.
    The number is recognised without casting free text (dbt.safe_cast is a plain
    cast on some adapters): translate() deletes the digits and the dot, and nothing
    may remain.
-#}
{% macro definition_threshold_exceeded(threshold, violations, rows_checked) -%}
    {{ return(adapter.dispatch('definition_threshold_exceeded', 'lead_lifecycle')(
        threshold, violations, rows_checked
    )) }}
{%- endmacro %}

{% macro default__definition_threshold_exceeded(threshold, violations, rows_checked) -%}
    {%- set clean = "trim(" ~ threshold ~ ")" -%}
    {%- set number_text = "trim(translate(" ~ clean ~ ", '>=%', ''))" -%}
    {%- set is_number = "(" ~ number_text ~ " <> '' and translate(" ~ number_text
        ~ ", '0123456789.', '') = '')" -%}
    {%- set limit_value = "cast(" ~ number_text ~ " as " ~ dbt.type_numeric() ~ ")" -%}
    {%- set observed = "case when replace(" ~ clean ~ ", '%', '') <> " ~ clean ~ " then 100.0 * "
        ~ violations ~ " / nullif(" ~ rows_checked ~ ", 0) else " ~ violations ~ " end" -%}
    case
        when {{ threshold }} is null or {{ clean }} in ('', 'never') then 0
        when not {{ is_number }} or {{ clean }} not like '>%'
            then case when {{ violations }} > 0 then 1 else 0 end
        when {{ clean }} like '>=%'
            then case when {{ observed }} >= {{ limit_value }} then 1 else 0 end
        else case when {{ observed }} > {{ limit_value }} then 1 else 0 end
    end
{%- endmacro %}
