{#-
    Reconciliation, one row per raw contract table: nothing is lost between raw and
    staging when raw rows = staged rows + exact duplicates + superseded versions +
    quarantined rows. The duplicate counts are computed here from the usable raw rows
    (distinct typed rows, distinct keys), independently of the staging models'
    dedupe window, so a fan-out, a lost row or a wrong key makes is_reconciled false.
-#}
with

{% for contract_table in lead_lifecycle.raw_contract_tables() %}
{%- set all_columns = lead_lifecycle.contract_column_names(
    contract_table.source, contract_table.table
) -%}
{%- set key_columns = [] -%}
{%- for key_column in contract_table.primary_key -%}
    {%- do key_columns.append(adapter.quote(key_column)) -%}
{%- endfor -%}
{{ contract_table.source }}__{{ contract_table.table }}_counts as (
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
            from {{ ref('stg_quarantine__rows') }}
            where
                source_name = '{{ contract_table.source }}'
                and table_name = '{{ contract_table.table }}'
        ) as quarantined_row_count,
        count(*) as usable_row_count,
        count(distinct {{ lead_lifecycle.generate_surrogate_key(all_columns) }})
            as distinct_row_count,
        count(distinct {{ lead_lifecycle.generate_surrogate_key(key_columns) }})
            as distinct_key_count
    from (
        {{ lead_lifecycle.contract_typed_rows(
            contract_table.source, contract_table.table
        ) | indent(8) }}
    ) as typed_rows
    where quarantine_reason is null
),

{% endfor -%}
unioned as (
{%- for contract_table in lead_lifecycle.raw_contract_tables() %}
    select * from {{ contract_table.source }}__{{ contract_table.table }}_counts
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
        raw_row_count,
        staged_row_count,
        usable_row_count - distinct_row_count as exact_duplicate_row_count,
        distinct_row_count - distinct_key_count as superseded_row_count,
        quarantined_row_count,
        raw_row_count = (
            staged_row_count
            + (usable_row_count - distinct_row_count)
            + (distinct_row_count - distinct_key_count)
            + quarantined_row_count
        ) as is_reconciled
    from unioned
)

select * from final
