{#-
    PostgreSQL has no try_cast, and a plain cast of one impossible value (a date
    2025-13-45 that passed the shape check) would abort the whole query instead of
    quarantining the row. This on-run-start hook creates, on PostgreSQL only, one small
    function per target type in the target schema that returns null when the cast
    fails; postgres__try_cast calls them. Other engines need nothing (no-op).
    Not `parallel safe`: the exception block starts a subtransaction, which parallel
    workers cannot.
-#}
{% macro safe_cast_types() -%}
    {#- type as try_cast is asked for it -> suffix of the function name -#}
    {{ return({
        'date': 'date',
        'timestamp': 'timestamp',
        'timestamp without time zone': 'timestamp',
        'timestamp with time zone': 'timestamptz',
        'bigint': 'bigint',
        'integer': 'integer',
        dbt.type_numeric() | trim | lower: 'numeric',
        'double precision': 'double',
    }) }}
{%- endmacro %}

{% macro safe_cast_function_name(data_type) -%}
    {%- set suffix = lead_lifecycle.safe_cast_types().get(data_type | trim | lower) -%}
    {%- if suffix is none -%}
        {{ exceptions.raise_compiler_error(
            "try_cast to " ~ data_type ~ " has no safe cast function on " ~ target.type
            ~ "; add the type to safe_cast_types() in macros/engines/safe_cast_functions.sql"
        ) }}
    {%- endif -%}
    {{ return(adapter.quote(target.schema) ~ ".lead_lifecycle_try_cast_" ~ suffix) }}
{%- endmacro %}

{% macro create_safe_cast_functions() -%}
    {{ return(adapter.dispatch('create_safe_cast_functions', 'lead_lifecycle')()) }}
{%- endmacro %}

{% macro default__create_safe_cast_functions() -%}
    select 1 as no_safe_cast_functions_needed
{%- endmacro %}

{% macro postgres__create_safe_cast_functions() -%}
    create schema if not exists {{ adapter.quote(target.schema) }};
    {% for data_type in lead_lifecycle.safe_cast_types() -%}
    create or replace function {{ lead_lifecycle.safe_cast_function_name(data_type) }}(value text)
    returns {{ data_type }} language plpgsql immutable as $function$
    begin
        return cast(value as {{ data_type }});
    exception when others then
        return null;
    end;
    $function$;
    {% endfor %}
{%- endmacro %}
