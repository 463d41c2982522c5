{{
    config(
        tags=['staging', 'reconciliation', 'nightly'],
        meta={
            'checks': 'Each staging model keeps exactly one row per primary key of the usable raw rows'
        }
    )
}}

-- stg_quarantine__row_counts counts, from the base tables alone, how many distinct
-- primary keys the usable raw rows have; each staging model must keep exactly that many
-- rows (one version per key). Fails with each raw table whose staging model drops,
-- multiplies or wrongly merges rows.
with

row_counts as (
    select * from {{ ref('stg_quarantine__row_counts') }}
),

staged as (
    {%- for contract_table in lead_lifecycle.raw_contract_tables() %}
        select
            '{{ contract_table.source }}.{{ contract_table.table }}' as raw_table_name,
            count(*) as staging_model_row_count
        from {{ ref(contract_table.model) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        row_counts.raw_table_name,
        row_counts.staged_row_count as expected_row_count,
        staged.staging_model_row_count
    from row_counts
    inner join staged
        on row_counts.raw_table_name = staged.raw_table_name
    where row_counts.staged_row_count != staged.staging_model_row_count
)

select * from final
