{#-
    The usable rows of a raw contract table, one per primary key (doc
    staging_deduplication): the rows of its base model without a quarantine reason,
    ranked within each key of the contract by `order_by` (SQL order items, the model's
    own notion of "latest"), and finally by raw_row_hash, so that two versions that tie
    on every order item always give the same winner whatever the order of the file.
    Exact duplicate rows have the same hash and collapse to one.
-#}
{% macro latest_versions(source_name, table_name, order_by=[]) -%}
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
        where quarantine_reason is null
    ) as versions_ranked
    where version_rank = 1
{%- endmacro %}
