{#-
    Reconciliation, one row per raw contract table: nothing is lost between raw and
    staging when raw rows = staged rows + exact duplicates + superseded versions +
    quarantined rows (doc block staging_reconciliation).
-#}
with

row_counts as (
    {{ lead_lifecycle.raw_table_row_counts() }}
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
    from row_counts
)

select * from final
