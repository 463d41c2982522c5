{#-
    Every raw row that staging cannot use, from every raw contract table, with the
    reason naming the column. The rule is contract_typed_rows' (shared with the
    staging models), so a row is either staged (possibly as a duplicate) or here.
-#}
{%- for contract_table in lead_lifecycle.raw_contract_tables() %}
    {{ lead_lifecycle.assert_raw_columns(contract_table.source, contract_table.table) }}
{%- endfor %}

with

{% for contract_table in lead_lifecycle.raw_contract_tables() %}
{{ contract_table.source }}__{{ contract_table.table }}_rejected as (
    select
        '{{ contract_table.source }}' as source_name,
        '{{ contract_table.table }}' as table_name,
        raw_row_key,
        raw_row,
        quarantine_reason
    from (
        {{ lead_lifecycle.contract_typed_rows(
            contract_table.source, contract_table.table, include_raw_row=true
        ) | indent(8) }}
    ) as typed_rows
    where quarantine_reason is not null
),

{% endfor -%}
unioned as (
{%- for contract_table in lead_lifecycle.raw_contract_tables() %}
    select * from {{ contract_table.source }}__{{ contract_table.table }}_rejected
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
            partition by source_name, table_name, raw_row
            order by quarantine_reason
        ) as occurrence
    from unioned
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
