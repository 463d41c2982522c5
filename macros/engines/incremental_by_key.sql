{#-
    Incremental models that rebuild groups of rows by a key (the page views and
    sessions of an anonymous_id), on every engine:
    - DuckDB, PostgreSQL: the strategy the model asks for, delete+insert on the key by
      default (only the affected keys are rewritten); the web models ask for
      replace_onward (macros/engines/replace_onward.sql), which rewrites a key's rows
      from its first touched session onward only;
    - Spark on plain Parquet (no DELETE, no MERGE): insert_overwrite of partitions,
      whatever the model asks for. The table is partitioned by a bucket of the key
      (key_bucket, 16 buckets), and a run rebuilds every key of each bucket it touches
      (keys_in_rebuilt_partitions), whole, so an overwritten partition is complete and
      the table still equals a full refresh.
    On Delta (Databricks) or any table format with MERGE the default strategy applies.
-#}
{% macro incremental_key_strategy(strategy='delete+insert') -%}
    {{ return(adapter.dispatch('incremental_key_strategy', 'lead_lifecycle')(strategy)) }}
{%- endmacro %}

{% macro default__incremental_key_strategy(strategy='delete+insert') -%}
    {{ return(strategy) }}
{%- endmacro %}

{% macro spark__incremental_key_strategy(strategy='delete+insert') -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}

{#- partition_by config: the bucket column on Spark, none elsewhere -#}
{% macro incremental_key_partitions(bucket_column) -%}
    {{ return(adapter.dispatch('incremental_key_partitions', 'lead_lifecycle')(bucket_column)) }}
{%- endmacro %}

{% macro default__incremental_key_partitions(bucket_column) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__incremental_key_partitions(bucket_column) -%}
    {{ return([bucket_column]) }}
{%- endmacro %}

{#- The bucket of a key: the first hex digit of its md5, the same on every engine. -#}
{% macro key_bucket(key) -%}
    substr({{ dbt.hash(key) }}, 1, 1)
{%- endmacro %}

{#-
    Body of a CTE with the keys an incremental run rebuilds: the affected keys (column
    `key` of CTE `affected_keys`), widened on Spark to every key in `all_rows` (a CTE
    with column `key`) whose bucket holds an affected key.
-#}
{% macro keys_in_rebuilt_partitions(affected_keys, all_rows, key) -%}
    {{ return(adapter.dispatch('keys_in_rebuilt_partitions', 'lead_lifecycle')(
        affected_keys, all_rows, key
    )) }}
{%- endmacro %}

{% macro default__keys_in_rebuilt_partitions(affected_keys, all_rows, key) -%}
    select distinct {{ key }} from {{ affected_keys }}
{%- endmacro %}

{% macro spark__keys_in_rebuilt_partitions(affected_keys, all_rows, key) -%}
    select distinct {{ key }}
    from {{ all_rows }}
    where {{ lead_lifecycle.key_bucket(key) }} in (
        select {{ lead_lifecycle.key_bucket(key) }} from {{ affected_keys }}
    )
{%- endmacro %}

{#-
    Materialization of an incremental model whose runs delete rows (a delete+insert
    strategy plus a DELETE post-hook, as fct_lead_stage_daily): incremental where the
    engine can delete rows, a table rebuilt whole on Spark over plain Parquet.
-#}
{% macro incremental_with_deletes_materialization() -%}
    {{ return(adapter.dispatch('incremental_with_deletes_materialization', 'lead_lifecycle')()) }}
{%- endmacro %}

{% macro default__incremental_with_deletes_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__incremental_with_deletes_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{#-
    dbt snapshots need a table format with MERGE (Delta, Iceberg, Hudi), which Spark
    over plain Parquet lacks: stop with a clear message where a feature needs them.
-#}
{% macro assert_snapshots_supported(feature) -%}
    {{ return(adapter.dispatch('assert_snapshots_supported', 'lead_lifecycle')(feature)) }}
{%- endmacro %}

{% macro default__assert_snapshots_supported(feature) -%}
{%- endmacro %}

{% macro spark__assert_snapshots_supported(feature) -%}
    {%- if config.get('file_format', 'parquet') not in ['delta', 'iceberg', 'hudi'] -%}
        {{ exceptions.raise_compiler_error(
            feature ~ " needs dbt snapshots, which Spark cannot run on plain Parquet tables;"
            ~ " use the default property_history input, or Delta (see README, Other engines)"
        ) }}
    {%- endif -%}
{%- endmacro %}
