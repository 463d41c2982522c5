{#-
    One row per raw contract table: where it was read from, the CSV dialect used and
    the problems that make the file unusable as a whole (missing, zero bytes, contract
    columns missing from its header), found by raw_reader when this model is built
    (doc staging_raw_files). Such a file is read as empty (or with every row
    quarantined) so that everything else is still built; the test on `problems` then
    fails the build, naming the file and the column.
-#}
{{ config(materialized='table') }}

with

raw_files as (
    {%- for contract_table in lead_lifecycle.raw_contract_tables() %}
        {%- set reader = lead_lifecycle.raw_reader(contract_table.source, contract_table.table) -%}
        {%- set problems = reader.problems | join('; ') %}
        select
            '{{ contract_table.source }}' as source_name,
            '{{ contract_table.table }}' as table_name,
            '{{ reader.location | replace("'", "''") }}' as raw_location,
            {{ "'" ~ reader.settings.delimiter | replace("'", "''") ~ "'"
                if reader.settings.delimiter else 'cast(null as ' ~ dbt.type_string() ~ ')' }}
                as csv_delimiter,
            {{ "'" ~ reader.settings.encoding ~ "'"
                if reader.settings.encoding else 'cast(null as ' ~ dbt.type_string() ~ ')' }}
                as csv_encoding,
            {{ "'" ~ problems | replace("'", "''") ~ "'"
                if problems else 'cast(null as ' ~ dbt.type_string() ~ ')' }}
                as problems
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        {{ dbt.concat(['source_name', "'.'", 'table_name']) }} as raw_table_name,
        source_name,
        table_name,
        raw_location,
        csv_delimiter,
        csv_encoding,
        problems,
        problems is null as is_readable
    from raw_files
)

select * from final
