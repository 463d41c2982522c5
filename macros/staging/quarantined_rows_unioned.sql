{#-
    One select (union all) of the rejected rows of every raw contract table:
    source_name, table_name, raw_row_key, raw_row, quarantine_reason.
    The rule is contract_typed_rows', shared with the staging models.
-#}
{% macro quarantined_rows_unioned() -%}
    {%- for contract_table in lead_lifecycle.raw_contract_tables() %}
    select
        '{{ contract_table.source }}' as source_name,
        '{{ contract_table.table }}' as table_name,
        raw_row_key,
        raw_row,
        quarantine_reason
    from (
        {{ lead_lifecycle.contract_typed_rows(
            contract_table.source, contract_table.table, include_raw_row=true
        ) }}
    ) as typed_rows
    where quarantine_reason is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
