{#-
    The raw row as a JSON object text {"column": "raw text" | null, ...}, so a
    quarantined row can be read and replayed whatever its columns' types.
    `column_names` are columns of the relation in the from clause.
-#}
{% macro row_to_text(column_names) -%}
    {{ return(adapter.dispatch('row_to_text', 'lead_lifecycle')(column_names)) }}
{%- endmacro %}

{% macro default__row_to_text(column_names) -%}
    {%- set parts = ["'{'"] -%}
    {%- for column_name in column_names -%}
        {%- set value = "cast(" ~ adapter.quote(column_name) ~ " as " ~ dbt.type_string() ~ ")" -%}
        {%- do parts.append("'" ~ ('' if loop.first else ', ') ~ '"' ~ column_name ~ '": ' ~ "'") -%}
        {%- do parts.append(
            "coalesce('\"' || replace(replace(" ~ value ~ ", '\\', '\\\\'), '\"', '\\\"') || '\"', 'null')"
        ) -%}
    {%- endfor -%}
    {%- do parts.append("'}'") -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}

{% macro duckdb__row_to_text(column_names) -%}
    cast(to_json(struct_pack(
        {%- for column_name in column_names %}
        {{ adapter.quote(column_name) }} := cast({{ adapter.quote(column_name) }} as varchar)
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    )) as varchar)
{%- endmacro %}
