{#-
    The usable rows of a raw contract table, one per primary key (doc
    staging_deduplication): the rows of its base model without a quarantine reason,
    ranked within each key of the contract by `order_by` (SQL order items, the model's
    own notion of "latest"), and finally by raw_row_hash, so that two versions that tie
    on every order item always give the same winner whatever the order of the file.
    Exact duplicate rows have the same hash and collapse to one.

    With an arrival_column (the incremental staging of the Segment tables), an
    incremental run ranks again only the keys with a version that arrived since
    reprocess_arrivals_after (the staged model's newest arrival less var
    web_lookback_days, read once as a literal by arrival_watermark), among all their
    versions; the model's delete+insert on its key replaces them (doc
    staging_arrival_window).
-#}
{% macro latest_versions(source_name, table_name, order_by=[], arrival_column=none) -%}
    {%- set node = lead_lifecycle.contract_table(source_name, table_name) -%}
    {%- set keys = [] -%}
    {%- for key_column in node.primary_key -%}
        {%- do keys.append(adapter.quote(key_column)) -%}
    {%- endfor %}
    select *
    from (
        select
            *,
            row_number() over (
                partition by {{ keys | join(', ') }}
                order by {{ (order_by + ['raw_row_hash']) | join(', ') }}
            ) as version_rank
        from {{ ref(node.base_model) }}
        where
            quarantine_reason is null
            {%- set watermark = none if arrival_column is none
                else lead_lifecycle.arrival_watermark(arrival_column) %}
            {%- if watermark is not none %}
                -- a literal watermark (arrival_watermark): with a subquery here DuckDB
                -- cannot tell the arrived keys are few and hashes every base row
                and {{ keys[0] }} in (
                    select {{ keys[0] }}
                    from {{ ref(node.base_model) }}
                    where {{ arrival_column }} >= {{ watermark }}
                )
            {%- endif %}
    ) as versions_ranked
    where version_rank = 1
{%- endmacro %}
