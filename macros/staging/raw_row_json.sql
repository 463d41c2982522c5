{#-
    A raw row as a JSON object text {"column": "raw text" | null, ...}, so a quarantined
    row can be read and replayed whatever its columns' types. `pairs` is a list of
    (column name, SQL expression of its raw text).
-#}
{% macro raw_row_json(pairs) -%}
    {{ return(adapter.dispatch('raw_row_json', 'lead_lifecycle')(pairs)) }}
{%- endmacro %}

{% macro default__raw_row_json(pairs) -%}
    {%- set parts = ["'{'"] -%}
    {%- for name, expression in pairs -%}
        {%- set value = "cast(" ~ expression ~ " as " ~ dbt.type_string() ~ ")" -%}
        {%- do parts.append("'" ~ ('' if loop.first else ', ') ~ '"' ~ name ~ '": ' ~ "'") -%}
        {%- do parts.append(
            "coalesce('\"' || replace(replace(" ~ value ~ ", '\\', '\\\\'), '\"', '\\\"') || '\"', 'null')"
        ) -%}
    {%- endfor -%}
    {%- do parts.append("'}'") -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}

{% macro duckdb__raw_row_json(pairs) -%}
    cast(to_json(struct_pack(
        {%- for name, expression in pairs %}
        {{ adapter.quote(name) }} := cast({{ expression }} as varchar)
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    )) as varchar)
{%- endmacro %}

{% macro spark__raw_row_json(pairs) -%}
    to_json(named_struct(
        {%- for name, expression in pairs %}
        '{{ name }}', cast({{ expression }} as string)
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    ))
{%- endmacro %}

{#- PostgreSQL: json_build_object, so no backslash appears in a string literal (dbt's
    statement splitting, used for unit tests, misreads '\' and cuts the SQL). -#}
{% macro postgres__raw_row_json(pairs) -%}
    cast(json_build_object(
        {%- for name, expression in pairs %}
        '{{ name }}', cast({{ expression }} as text)
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    ) as text)
{%- endmacro %}
