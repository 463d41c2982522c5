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

    Where the engine has a row position (macro row_position: DuckDB's rowid), a
    ranking of every row (a full build) sorts only the key, the order columns and the
    position, then keeps the winning rows of the base table by position: the window no
    longer carries every wide text column of every version (doc
    staging_deduplication). Unit tests, whose inputs are CTEs without a position, and
    incremental runs, which rank few keys, rank the rows themselves.
-#}
{% macro latest_versions(source_name, table_name, order_by=[], arrival_column=none) -%}
    {%- set node = lead_lifecycle.contract_table(source_name, table_name) -%}
    {%- set keys = [] -%}
    {%- for key_column in node.primary_key -%}
        {%- do keys.append(adapter.quote(key_column)) -%}
    {%- endfor -%}
    {%- set watermark = none if arrival_column is none
        else lead_lifecycle.arrival_watermark(arrival_column) -%}
    {%- set position = lead_lifecycle.row_position() -%}
    {%- set rank_by_position = position is not none and watermark is none
        and model.resource_type != 'unit_test' -%}
    {%- set base_relation = ref(node.base_model) %}
    {%- if rank_by_position %}
        select
            base_rows.*,
            winning_positions.version_rank
        from {{ base_relation }} as base_rows
        inner join (
            {{- lead_lifecycle.versions_ranked(
                base_relation, keys, order_by, position ~ ' as base_row_position'
            ) }}
        ) as winning_positions
            on base_rows.{{ position }} = winning_positions.base_row_position
    {%- else %}
        {{ lead_lifecycle.versions_ranked(base_relation, keys, order_by, '*', arrival_column, watermark) }}
    {%- endif %}
{%- endmacro %}

{#- The rows of base_relation ranked first in their key, with the given columns. -#}
{% macro versions_ranked(base_relation, keys, order_by, columns, arrival_column=none, watermark=none) -%}
    select *
    from (
        select
            {{ columns }},
            row_number() over (
                partition by {{ keys | join(', ') }}
                order by {{ (order_by + ['raw_row_hash']) | join(', ') }}
            ) as version_rank
        from {{ base_relation }}
        where
            quarantine_reason is null
            {%- if watermark is not none %}
                -- a literal watermark (arrival_watermark): with a subquery here DuckDB
                -- cannot tell the arrived keys are few and hashes every base row
                and {{ keys[0] }} in (
                    select {{ keys[0] }}
                    from {{ base_relation }}
                    where {{ arrival_column }} >= {{ watermark }}
                )
            {%- endif %}
    ) as versions_ranked
    where version_rank = 1
{%- endmacro %}
