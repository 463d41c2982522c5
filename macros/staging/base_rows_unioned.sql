{#-
    The rows of every raw contract table's base model that match a condition, one
    select (union all), with the reason column that explains them and an occurrence
    number: identical rows (same raw_row_hash) stay separate rows, numbered 1, 2, ...
    Used by the quarantine models (rejected rows and rows with nulled values).
-#}
{% macro base_rows_unioned(reason_column, condition) %}
    select
        *,
        row_number() over (
            partition by source_name, table_name, raw_row_hash
            order by {{ reason_column }}
        ) as occurrence
    from (
        {%- for contract_table in lead_lifecycle.raw_contract_tables() %}
            select
                '{{ contract_table.source }}' as source_name,
                '{{ contract_table.table }}' as table_name,
                raw_row_key,
                raw_row,
                raw_row_hash,
                {{ reason_column }}
            from {{ ref(contract_table.base_model) }}
            where {{ condition }}
            {%- if not loop.last %}
                union all
            {%- endif %}
        {%- endfor %}
    ) as base_rows
{% endmacro %}
