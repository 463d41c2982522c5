{#-
    A deterministic surrogate key from several columns: the md5 hash (dbt.hash) of the
    columns cast to text, nulls written as a sentinel so that (null, 'a') and ('', 'a')
    give different keys, joined with a separator that cannot appear by accident.
    The text is joined by concat_text_parts: the same string, so the same key, on every
    engine.
-#}
{% macro generate_surrogate_key(field_list) -%}
    {%- set parts = [] -%}
    {%- for field in field_list -%}
        {%- do parts.append(
            "coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '_null_')"
        ) -%}
        {%- if not loop.last -%}{%- do parts.append("'-|-'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(lead_lifecycle.concat_text_parts(parts)) }}
{%- endmacro %}

{#-
    Joins text expressions that are never null (generate_surrogate_key coalesces each).
    dbt.concat writes a chain of ||, which DuckDB evaluates pair by pair, copying the
    growing string at every step: for the raw row hash of a 15-column Parquet file that
    chain took two thirds of the base model's time. DuckDB's variadic concat() builds the
    string once. concat() skips nulls where || propagates them, so it is only used on
    parts that cannot be null.
-#}
{% macro concat_text_parts(parts) -%}
    {{ return(adapter.dispatch('concat_text_parts', 'lead_lifecycle')(parts)) }}
{%- endmacro %}

{% macro default__concat_text_parts(parts) -%}
    {{ return(dbt.concat(parts)) }}
{%- endmacro %}

{% macro duckdb__concat_text_parts(parts) -%}
    {{ return('concat(' ~ parts | join(', ') ~ ')') }}
{%- endmacro %}
