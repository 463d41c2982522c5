{#-
    Every raw row that staging cannot use, from every raw contract table, with the
    reason naming the column (or, for a CSV line DuckDB could not split, the line
    number). A raw row is either staged (possibly as a duplicate) or here: see the
    doc block staging_usable_row. Read from the base tables, where each raw row was
    parsed once.
-#}
{{ config(materialized='table') }}

with

-- identical rejected rows (an exact duplicate of a broken row) stay separate rows
occurrences_numbered as (
    {{ lead_lifecycle.base_rows_unioned(
        'quarantine_reason', 'quarantine_reason is not null'
    ) }}
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            ['source_name', 'table_name', 'raw_row_hash', 'occurrence']
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
