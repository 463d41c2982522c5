{#-
    A select over one raw contract table that staging models and the quarantine
    share, so the rule "which rows are usable" is written once, driven by the
    contract (raw_contract_tables, rendered from scripts/contract.py):
    - every contract column, read with cast_raw_column (empty text is null, text
      parsed to its logical type, native Parquet types converted), under its raw name;
    - quarantine_reason: null for a usable row, otherwise the first problem found,
      naming the column: "missing required column <c>" or
      "column <c>: '<text>' is not a valid <logical type>";
    - with include_raw_row: raw_row_key (primary key values as text, '|' separated)
      and raw_row (the raw row as JSON text), for the quarantine.
    Values are parsed once in an inner select; the reasons compare the parsed value
    with the raw text there, which keeps the SQL small for the planner.
    Columns are in contract order. An optional contract column that the file lacks
    (contract flag `optional`) is read as a typed null; in unit tests optional columns
    are always null, because dbt builds a fixture with the columns of the raw file.
    While parsing (no database) it only registers the source dependency; in unit
    tests the fixture columns are read as text.
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
        {%- set inner_items = [] -%}
        {%- set outer_items = [] -%}
        {%- set reasons = [] -%}
        {%- set present_columns = [] -%}
        {%- for column in node.columns -%}
            {#- unit-test fixtures mirror the raw file, which may lack optional columns -#}
            {%- set is_absent = model.resource_type == 'unit_test'
                or column.name | lower not in raw_types -%}
            {%- if is_absent and column.optional -%}
                {%- set read = {
                    'value': lead_lifecycle.parse_logical_type(
                        'cast(null as ' ~ dbt.type_string() ~ ')', column.logical_type
                    ),
                    'text': none,
                } -%}
            {%- else -%}
                {%- do present_columns.append(column.name) -%}
                {%- set read = lead_lifecycle.cast_raw_column(
                    column.name, raw_types.get(column.name | lower), column.logical_type
                ) -%}
            {%- endif -%}
            {%- set value_ref = adapter.quote(column.name) -%}
            {%- do inner_items.append(read.value ~ " as " ~ value_ref) -%}
            {%- do outer_items.append(value_ref) -%}
            {%- set text_ref = value_ref -%}
            {%- if read.text is not none -%}
                {%- set text_ref = adapter.quote(column.name ~ '__raw_text') -%}
                {%- do inner_items.append(read.text ~ " as " ~ text_ref) -%}
            {%- endif -%}
            {%- if column.required -%}
                {%- do reasons.append(
                    "case when " ~ text_ref ~ " is null then 'missing required column "
                    ~ column.name ~ "' end"
                ) -%}
            {%- endif -%}
            {%- if read.text is not none and column.logical_type != 'string' -%}
                {%- set message = dbt.concat([
                    "'column " ~ column.name ~ ": '''",
                    text_ref,
                    "''' is not a valid " ~ column.logical_type ~ "'"
                ]) -%}
                {%- do reasons.append(
                    "case when " ~ text_ref ~ " is not null and " ~ value_ref
                    ~ " is null then " ~ message ~ " end"
                ) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if include_raw_row -%}
            {%- set key_parts = [] -%}
            {%- for key_column in node.primary_key -%}
                {%- if not loop.first -%}{%- do key_parts.append("'|'") -%}{%- endif -%}
                {%- do key_parts.append(
                    "coalesce(" ~ lead_lifecycle.empty_to_null(adapter.quote(key_column)) ~ ", '')"
                ) -%}
            {%- endfor -%}
            {%- do inner_items.append(dbt.concat(key_parts) ~ " as raw_row_key") -%}
            {%- do inner_items.append(
                lead_lifecycle.row_to_text(present_columns) ~ " as raw_row"
            ) -%}
            {%- do outer_items.append("raw_row_key") -%}
            {%- do outer_items.append("raw_row") -%}
        {%- endif -%}
        {%- if reasons -%}
            {%- set reason_sql = "coalesce(\n            "
                ~ reasons | join(",\n            ") ~ "\n        )" -%}
        {%- else -%}
            {%- set reason_sql = "cast(null as " ~ dbt.type_string() ~ ")" -%}
        {%- endif -%}
        {%- do outer_items.append(reason_sql ~ " as quarantine_reason") %}
    select
        {{ outer_items | join(",\n        ") }}
    from (
        select
            {{ inner_items | join(",\n            ") }}
        from {{ relation }}
    ) as parsed_rows
    {%- endif -%}
{%- endmacro %}
