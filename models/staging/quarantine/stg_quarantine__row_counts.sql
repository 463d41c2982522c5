{#-
    Reconciliation, one row per raw contract table: nothing is lost between raw and
    staging when raw rows = staged rows + exact duplicates + superseded versions +
    quarantined rows (doc block staging_reconciliation).
    Materialised as a table: computed once per build (it reads every raw table and
    staging model), so its tests read stored counts.
-#}
{{ config(materialized='table') }}
with

row_counts as (
    {{ lead_lifecycle.raw_table_row_counts() }}
),

quarantined_counts as (
    select
        source_name,
        table_name,
        count(*) as quarantined_row_count
    from {{ ref('stg_quarantine__rows') }}
    group by source_name, table_name
),

final as (
    select
        {{ dbt.concat(['row_counts.source_name', "'.'", 'row_counts.table_name']) }}
            as raw_table_name,
        row_counts.source_name,
        row_counts.table_name,
        row_counts.raw_row_count,
        row_counts.staged_row_count,
        row_counts.usable_row_count - row_counts.distinct_row_count
            as exact_duplicate_row_count,
        row_counts.distinct_row_count - row_counts.distinct_key_count
            as superseded_row_count,
        coalesce(quarantined_counts.quarantined_row_count, 0) as quarantined_row_count
    from row_counts
    left join quarantined_counts
        on
            row_counts.source_name = quarantined_counts.source_name
            and row_counts.table_name = quarantined_counts.table_name
),

reconciled as (
    select
        *,
        raw_row_count = (
            staged_row_count
            + exact_duplicate_row_count
            + superseded_row_count
            + quarantined_row_count
        ) as is_reconciled
    from final
)

select * from reconciled
