{#-
    Every raw row that staging cannot use, from every raw contract table, with the
    reason naming the column. A raw row is either staged (possibly as a duplicate)
    or here: see the doc block staging_usable_row.
    Materialised as a table: rejected rows are few, and storing them once keeps the
    tests and the reconciliation from re-parsing every raw file.
-#}
{{ config(materialized='table') }}
{%- for contract_table in lead_lifecycle.raw_contract_tables() %}
    {{ lead_lifecycle.assert_raw_columns(contract_table.source, contract_table.table) }}
{%- endfor %}

with

rejected_rows as (
    {{ lead_lifecycle.quarantined_rows_unioned() }}
),

-- identical rejected rows (an exact duplicate of a broken row) stay separate rows
occurrences_numbered as (
    select
        *,
        row_number() over (
            partition by source_name, table_name, raw_row
            order by quarantine_reason
        ) as occurrence
    from rejected_rows
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            ['source_name', 'table_name', 'raw_row', 'occurrence']
        ) }} as quarantined_row_id,
        source_name,
        table_name,
        raw_row_key,
        raw_row,
        quarantine_reason,
        occurrence
    from occurrences_numbered
)

select * from final
