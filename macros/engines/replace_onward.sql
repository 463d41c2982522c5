{#-
    Custom incremental strategy `replace_onward` (DuckDB, PostgreSQL): replaces, per
    key, the rows from a point onward instead of all rows of the key. Model configs:
    - unique_key: the key (anonymous_id), as for delete+insert;
    - replace_onward_column: a column that orders the rows of a key (session_number);
      every target row of a key in the batch whose value is >= the batch's smallest
      value for that key is deleted;
    - replace_onward_row_id: the row's own id (page_view_id, session_id); target rows
      whose id is in the batch are deleted too, wherever their key (a page view sent
      again under another browser leaves its old browser).
    A batch row whose row id is null is a marker: it deletes its key's rows from its
    replace_onward_column value onward and is not inserted (a browser that keeps no
    row from that point, see replace_onward_markers). Then the batch is inserted.
    incremental_predicates, when set, restrict the delete (DBT_INTERNAL_DEST is the
    target). Not for Spark over plain Parquet, which cannot delete rows: there
    incremental_key_strategy() gives insert_overwrite.
-#}
{% macro get_incremental_replace_onward_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set key = arg_dict['unique_key'] -%}
    {%- set order_column = config.get('replace_onward_column') -%}
    {%- set row_id = config.get('replace_onward_row_id') -%}
    {%- if key is none or key is not string or order_column is none or row_id is none -%}
        {{ exceptions.raise_compiler_error(
            "incremental_strategy 'replace_onward' needs a single-column unique_key and the"
            ~ " configs replace_onward_column and replace_onward_row_id"
        ) }}
    {%- endif -%}
    {%- set dest_columns_csv = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target }} as DBT_INTERNAL_DEST
    where (
        exists (
            select 1
            from (
                select {{ key }}, min({{ order_column }}) as replace_from
                from {{ source }}
                group by {{ key }}
            ) as DBT_INTERNAL_ONWARD
            where
                DBT_INTERNAL_ONWARD.{{ key }} = DBT_INTERNAL_DEST.{{ key }}
                and DBT_INTERNAL_DEST.{{ order_column }} >= DBT_INTERNAL_ONWARD.replace_from
        )
        or DBT_INTERNAL_DEST.{{ row_id }} in (
            select {{ row_id }} from {{ source }} where {{ row_id }} is not null
        )
    )
    {%- for predicate in arg_dict['incremental_predicates'] or [] %}
        and ({{ predicate }})
    {%- endfor %};

    insert into {{ target }} ({{ dest_columns_csv }})
    select {{ dest_columns_csv }}
    from {{ source }}
    where {{ row_id }} is not null
{%- endmacro %}

{#-
    `union all` of one marker row per row of `boundaries` (a CTE with the model's
    unique_key and replace_onward_column), every other column null and typed as in the
    target: the rows a replace_onward batch needs for a key left without any row to
    insert. Nothing outside incremental runs, in unit tests, or on Spark (whose
    insert_overwrite replaces whole partitions and would keep the markers).
-#}
{% macro replace_onward_markers(boundaries) -%}
    {{ return(adapter.dispatch('replace_onward_markers', 'lead_lifecycle')(boundaries)) }}
{%- endmacro %}

{% macro default__replace_onward_markers(boundaries) -%}
    {%- if execute and is_incremental() and model.resource_type != 'unit_test' -%}
        {%- set key = config.get('unique_key') -%}
        {%- set order_column = config.get('replace_onward_column') -%}
        {%- set columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(this) -%}
            {%- if column.name | lower in [key | lower, order_column | lower] -%}
                {%- do columns.append(boundaries ~ '.' ~ column.name) -%}
            {%- else -%}
                {%- do columns.append('cast(null as ' ~ column.data_type ~ ') as ' ~ column.name) -%}
            {%- endif -%}
        {%- endfor %}
    union all
    select
        {{ columns | join(',\n        ') }}
    from {{ boundaries }}
    {%- endif -%}
{%- endmacro %}

{% macro spark__replace_onward_markers(boundaries) -%}
{%- endmacro %}
