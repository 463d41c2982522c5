{#-
    Stops the build, before a staging model is created, when its raw input breaks the
    contract: the raw file (DuckDB) or raw table (other engines) is missing, or lacks
    a contract column, or (DuckDB) is a file of zero bytes. The error names the file
    and the column, for example
    "raw file data/raw/crm/contacts.csv lacks contract column email".
    Extra columns are allowed (exports grow); they are ignored by staging. Optional
    contract columns (contract flag `optional`) may be absent: staging reads them as
    null. A file with a header and no rows is valid input.
    Does nothing while parsing and inside unit tests (their inputs are fixtures).
-#}
{% macro assert_raw_columns(source_name, table_name) -%}
    {%- if execute and model.resource_type != 'unit_test' -%}
        {%- set node = lead_lifecycle.contract_table(source_name, table_name) -%}
        {%- set relation = source(source_name, table_name) -%}
        {%- set location = adapter.dispatch('raw_location', 'lead_lifecycle')(node, relation) -%}
        {%- set raw_columns = adapter.dispatch('raw_column_names', 'lead_lifecycle')(node, relation, location) -%}
        {%- set found = raw_columns | map('lower') | list -%}
        {%- for column in node.columns -%}
            {%- if column.name | lower not in found and not column.optional -%}
                {{ exceptions.raise_compiler_error(
                    location ~ " lacks contract column " ~ column.name
                    ~ " (columns found: " ~ raw_columns | join(', ') ~ ")"
                ) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{#- How the error messages name the raw input: the file on DuckDB, the table elsewhere. -#}
{% macro default__raw_location(node, relation) -%}
    {{ return("raw table " ~ relation) }}
{%- endmacro %}

{% macro duckdb__raw_location(node, relation) -%}
    {%- if not relation.external -%}
        {{ return(lead_lifecycle.default__raw_location(node, relation)) }}
    {%- endif -%}
    {{ return("raw file " ~ env_var('LEAD_LIFECYCLE_RAW_DIR', 'data/raw') ~ "/" ~ node.file_path) }}
{%- endmacro %}

{#- The column names of the raw input; raises when the input does not exist. -#}
{% macro default__raw_column_names(node, relation, location) -%}
    {%- set existing = adapter.get_relation(
        database=relation.database, schema=relation.schema, identifier=relation.identifier
    ) -%}
    {%- if existing is none -%}
        {{ exceptions.raise_compiler_error(
            location ~ " is missing: load the raw files with python -m scripts.load_raw"
        ) }}
    {%- endif -%}
    {{ return(adapter.get_columns_in_relation(existing) | map(attribute='name') | list) }}
{%- endmacro %}

{% macro duckdb__raw_column_names(node, relation, location) -%}
    {%- if not relation.external -%}
        {{ return(lead_lifecycle.default__raw_column_names(node, relation, location)) }}
    {%- endif -%}
    {%- set path = env_var('LEAD_LIFECYCLE_RAW_DIR', 'data/raw') ~ "/" ~ node.file_path -%}
    {%- set matches = run_query("select count(*) from glob('" ~ path ~ "')") -%}
    {%- if matches.columns[0].values()[0] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "raw file " ~ path ~ " is missing (LEAD_LIFECYCLE_RAW_DIR="
            ~ env_var('LEAD_LIFECYCLE_RAW_DIR', 'data/raw') ~ ")"
        ) }}
    {%- endif -%}
    {%- set sizes = run_query("select min(size) from read_blob('" ~ path ~ "')") -%}
    {%- if sizes.columns[0].values()[0] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "raw file " ~ path ~ " is empty (0 bytes): export it with its header row,"
            ~ " even when the system has no data (a header-only file is valid input)"
        ) }}
    {%- endif -%}
    {{ return(run_query("select * from " ~ relation ~ " limit 0").column_names | list) }}
{%- endmacro %}
