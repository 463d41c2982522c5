{#-
    A select over one raw contract table that staging and quarantine share, so the
    rule "which rows are usable" is written once, driven by the contract
    (raw_contract_tables, rendered from scripts/contract.py):
    - every contract column, read with cast_raw_column (empty text is null, text
      parsed to its logical type, native Parquet types converted), under its raw name;
    - quarantine_reason: null for a usable row, otherwise the first problem found,
      naming the column: "missing required column <c>" or
      "column <c>: '<text>' is not a valid <logical type>";
    - with include_raw_row: raw_row_key (primary key values as text, '|' separated)
      and raw_row (the raw row as JSON text), for the quarantine.
    Columns are in contract order. While parsing (no database) it only registers the
    source dependency; in unit tests the fixture columns are read as text.
-#}
{% macro contract_typed_rows(source_name, table_name, include_raw_row=false) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- if not execute -%}
        select * from {{ relation }}
    {%- else -%}
        {%- set node = lead_lifecycle.contract_table(source_name, table_name) -%}
        {%- if model.resource_type == 'unit_test' -%}
            {%- set raw_types = {} -%}
        {%- else -%}
            {%- set raw_types = lead_lifecycle.raw_column_types(relation) -%}
        {%- endif -%}
        {%- set reasons = [] -%}
        select
        {%- for column in node.columns %}
            {%- set logical_type = column.logical_type -%}
            {%- set read = lead_lifecycle.cast_raw_column(
                column.name, raw_types.get(column.name | lower), logical_type
            ) %}
            {{ read.value }} as {{ adapter.quote(column.name) }},
            {%- set presence = read.text if read.text is not none else adapter.quote(column.name) -%}
            {%- if column.required -%}
                {%- do reasons.append(
                    "case when " ~ presence ~ " is null then 'missing required column "
                    ~ column.name ~ "' end"
                ) -%}
            {%- endif -%}
            {%- if read.text is not none and logical_type != 'string' -%}
                {%- do reasons.append(
                    "case when " ~ read.text ~ " is not null and (" ~ read.value ~ ") is null then "
                    ~ dbt.concat([
                        "'column " ~ column.name ~ ": '''",
                        read.text,
                        "''' is not a valid " ~ logical_type ~ "'"
                    ]) ~ " end"
                ) -%}
            {%- endif -%}
        {%- endfor %}
        {%- if include_raw_row %}
            {%- set key_parts = [] -%}
            {%- for key_column in node.primary_key -%}
                {%- if not loop.first -%}{%- do key_parts.append("'|'") -%}{%- endif -%}
                {%- do key_parts.append(
                    "coalesce(" ~ lead_lifecycle.empty_to_null(adapter.quote(key_column)) ~ ", '')"
                ) -%}
            {%- endfor %}
            {{ dbt.concat(key_parts) }} as raw_row_key,
            {{ lead_lifecycle.row_to_text(node.columns | map(attribute='name') | list) }} as raw_row,
        {%- endif %}
            {% if reasons -%}
            coalesce(
                {{ reasons | join(',\n                ') }}
            )
            {%- else -%}
            cast(null as {{ dbt.type_string() }})
            {%- endif %} as quarantine_reason
        from {{ relation }}
    {%- endif -%}
{%- endmacro %}
