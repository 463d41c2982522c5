{#-
    Rounds a double-precision expression to `decimals` places and keeps it a double.
    PostgreSQL has round(numeric, int) only, so the default goes through numeric;
    DuckDB and Spark round doubles directly.
-#}
{% macro round_double(expression, decimals) -%}
    {{ return(adapter.dispatch('round_double', 'lead_lifecycle')(expression, decimals)) }}
{%- endmacro %}

{% macro default__round_double(expression, decimals) -%}
    cast(
        round(cast({{ expression }} as numeric), {{ decimals }})
        as {{ lead_lifecycle.type_double() }}
    )
{%- endmacro %}

{% macro duckdb__round_double(expression, decimals) -%}
    round({{ expression }}, {{ decimals }})
{%- endmacro %}

{% macro spark__round_double(expression, decimals) -%}
    round({{ expression }}, {{ decimals }})
{%- endmacro %}
