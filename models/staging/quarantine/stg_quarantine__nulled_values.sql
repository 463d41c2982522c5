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

occurrences_numbered as (
    {{ lead_lifecycle.base_rows_unioned(
        'nulled_reason', 'quarantine_reason is null and nulled_reason is not null'
    ) }}
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
