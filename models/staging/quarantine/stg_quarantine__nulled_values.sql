{#-
    Every raw row that staging kept although some of its optional values could not be
    used: they did not parse, or were implausible (a date before var
    plausible_first_date or later than today + var plausible_future_days, a negative
    count or amount, text that is not an e-mail address). Those values are null in
    staging, so they never count in the funnel; the row and the reasons are here (doc
    staging_usable_row).
-#}
{{ config(materialized='table') }}

with

nulled_rows as (
    {%- for contract_table in lead_lifecycle.raw_contract_tables() %}
        select
            '{{ contract_table.source }}' as source_name,
            '{{ contract_table.table }}' as table_name,
            raw_row_key,
            raw_row,
            raw_row_hash,
            nulled_reason
        from {{ ref(contract_table.base_model) }}
        where quarantine_reason is null and nulled_reason is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

occurrences_numbered as (
    select
        *,
        row_number() over (
            partition by source_name, table_name, raw_row_hash
            order by nulled_reason
        ) as occurrence
    from nulled_rows
),

final as (
    select
        {{ lead_lifecycle.generate_surrogate_key(
            ['source_name', 'table_name', 'raw_row_hash', 'occurrence']
        ) }} as nulled_row_id,
        source_name,
        table_name,
        raw_row_key,
        raw_row,
        nulled_reason,
        occurrence
    from occurrences_numbered
)

select * from final
