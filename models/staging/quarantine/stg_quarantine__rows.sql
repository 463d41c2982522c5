{#-
    Every raw row that staging cannot use, from every raw contract table, with the
    reason naming the column (or, for a CSV line DuckDB could not split, the line
    number). A raw row is either staged (possibly as a duplicate) or here: see the
    doc block staging_usable_row. Read from the base tables, where each raw row was
    parsed once.
-#}
{{ config(materialized='table') }}

with

rejected_rows as (
    {%- for contract_table in lead_lifecycle.raw_contract_tables() %}
        select
            '{{ contract_table.source }}' as source_name,
            '{{ contract_table.table }}' as table_name,
            raw_row_key,
            raw_row,
            raw_row_hash,
            quarantine_reason
        from {{ ref(contract_table.base_model) }}
        where quarantine_reason is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

-- identical rejected rows (an exact duplicate of a broken row) stay separate rows
occurrences_numbered as (
    select
        *,
        row_number() over (
            partition by source_name, table_name, raw_row_hash
            order by quarantine_reason
        ) as occurrence
    from rejected_rows
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
