{#-
    Reconciliation, one row per raw contract table (doc staging_reconciliation): raw
    rows = staged rows + exact duplicates + superseded versions + quarantined rows, and
    the share of the table that went to the quarantine against its limit (var
    quarantine_share_limit, per table var quarantine_share_limits; a few rows, var
    quarantine_row_allowance, never exceed it, so a small table is not failed by two
    broken lines). Computed from the
    base tables alone, so it is built on every run whatever other tests say; the test
    assert_staging_keeps_one_row_per_usable_key checks the staging models against it.
-#}
{{ config(materialized='table') }}
{%- set default_limit = var('quarantine_share_limit', 0.05) -%}
{%- set limits = var('quarantine_share_limits', {}) -%}

with

row_counts as (
    {%- for contract_table in lead_lifecycle.raw_contract_tables() %}
        {%- set key_columns = [] -%}
        {%- for key_column in contract_table.primary_key -%}
            {%- do key_columns.append(adapter.quote(key_column)) -%}
        {%- endfor -%}
        {%- set table_key = contract_table.source ~ '.' ~ contract_table.table %}
        select
            '{{ table_key }}' as raw_table_name,
            '{{ contract_table.source }}' as source_name,
            '{{ contract_table.table }}' as table_name,
            count(*) as raw_row_count,
            count(quarantine_reason) as quarantined_row_count,
            count(distinct case when quarantine_reason is null then raw_row_hash end)
                as distinct_row_count,
            count(
                distinct case
                    when quarantine_reason is null
                        then {{ lead_lifecycle.generate_surrogate_key(key_columns) }}
                end
            ) as distinct_key_count,
            count(case when quarantine_reason is null then nulled_reason end)
                as nulled_row_count,
            {{ limits.get(table_key, default_limit) }} as quarantine_share_limit
        from {{ ref(contract_table.base_model) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        raw_table_name,
        source_name,
        table_name,
        cast(raw_row_count as {{ dbt.type_bigint() }}) as raw_row_count,
        cast(distinct_key_count as {{ dbt.type_bigint() }}) as staged_row_count,
        cast(raw_row_count - quarantined_row_count - distinct_row_count as {{ dbt.type_bigint() }})
            as exact_duplicate_row_count,
        cast(distinct_row_count - distinct_key_count as {{ dbt.type_bigint() }})
            as superseded_row_count,
        cast(quarantined_row_count as {{ dbt.type_bigint() }}) as quarantined_row_count,
        cast(nulled_row_count as {{ dbt.type_bigint() }}) as nulled_row_count,
        cast(quarantined_row_count as {{ lead_lifecycle.type_double() }})
        / nullif(raw_row_count, 0) as quarantined_share,
        cast(quarantine_share_limit as {{ lead_lifecycle.type_double() }})
            as quarantine_share_limit
    from row_counts
),

checked as (
    select
        *,
        raw_row_count = (
            staged_row_count
            + exact_duplicate_row_count
            + superseded_row_count
            + quarantined_row_count
        ) as is_reconciled,
        coalesce(quarantined_share <= quarantine_share_limit, true)
        or quarantined_row_count <= {{ var('quarantine_row_allowance', 5) }}
            as is_within_quarantine_limit
    from final
)

select * from checked
