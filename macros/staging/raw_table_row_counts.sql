{#-
    One select (union all) with the row counts of every raw contract table, from a
    single scan of its raw rows: source_name, table_name, raw_row_count (all raw
    rows), usable_row_count (rows without a quarantine reason), distinct_row_count
    (distinct typed usable rows), distinct_key_count (distinct primary keys of usable
    rows) and staged_row_count (rows of its staging model). The duplicate counts come
    from the raw rows, independently of the staging models' dedupe window. A header-only
    file gives zeros, never nulls.
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
        count(*) as raw_row_count,
        cast(
            coalesce(sum(case when quarantine_reason is null then 1 else 0 end), 0)
            as {{ dbt.type_bigint() }}
        ) as usable_row_count,
        count(distinct case when quarantine_reason is null then
            {{ lead_lifecycle.generate_surrogate_key(all_columns) }}
        end) as distinct_row_count,
        count(distinct case when quarantine_reason is null then
            {{ lead_lifecycle.generate_surrogate_key(key_columns) }}
        end) as distinct_key_count,
        (
            select count(*)
            from {{ ref(contract_table.model) }}
        ) as staged_row_count
    from (
        {{ lead_lifecycle.contract_typed_rows(contract_table.source, contract_table.table) }}
    ) as typed_rows
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
