{#-
    One select (union all) with the row counts of every raw contract table:
    source_name, table_name, raw_row_count (the raw file or table),
    staged_row_count (its staging model), quarantined_row_count
    (stg_quarantine__rows), and over the usable raw rows: usable_row_count,
    distinct_row_count (distinct typed rows) and distinct_key_count (distinct
    primary keys). The duplicate counts come from the raw rows, independently of the
    staging models' dedupe window.
-#}
{% macro raw_table_row_counts() -%}
    {%- for contract_table in lead_lifecycle.raw_contract_tables() %}
    {%- set all_columns = lead_lifecycle.contract_column_names(
        contract_table.source, contract_table.table
    ) -%}
    {%- set key_columns = [] -%}
    {%- for key_column in contract_table.primary_key -%}
        {%- do key_columns.append(adapter.quote(key_column)) -%}
    {%- endfor %}
    select
        '{{ contract_table.source }}' as source_name,
        '{{ contract_table.table }}' as table_name,
        (
            select count(*)
            from {{ source(contract_table.source, contract_table.table) }}
        ) as raw_row_count,
        (
            select count(*)
            from {{ ref(contract_table.model) }}
        ) as staged_row_count,
        (
            select count(*)
            from {{ ref('stg_quarantine__rows') }} as quarantined
            where
                quarantined.source_name = '{{ contract_table.source }}'
                and quarantined.table_name = '{{ contract_table.table }}'
        ) as quarantined_row_count,
        count(*) as usable_row_count,
        count(distinct {{ lead_lifecycle.generate_surrogate_key(all_columns) }})
            as distinct_row_count,
        count(distinct {{ lead_lifecycle.generate_surrogate_key(key_columns) }})
            as distinct_key_count
    from (
        {{ lead_lifecycle.contract_typed_rows(contract_table.source, contract_table.table) }}
    ) as typed_rows
    where quarantine_reason is null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
