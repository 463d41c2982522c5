{#-
    The config of a base model (one per raw contract table): a table in the staging
    schema, and on DuckDB, for CSV files, the hooks that keep the lines DuckDB cannot
    split into the header's columns (doc staging_raw_files). The reader stores them in
    a temporary table; the pre-hook drops an old one, the post-hook adds each line to
    the base table as a quarantined row ("line <n>: <DuckDB's error> (<error type>)").
    Called as {{ config(**lead_lifecycle.base_model_config('crm', 'contacts')) }}.

    With an arrival_column (append-only event streams: the Segment tables), the model is
    incremental on DuckDB and PostgreSQL: a run reloads only its arrival window (macros
    arrival_window_*, doc staging_arrival_window). Spark (plain Parquet, no DELETE)
    keeps a table.
-#}
{% macro base_model_config(source_name, table_name, arrival_column=none) -%}
    {%- set call = "('" ~ source_name ~ "', '" ~ table_name ~ "')" -%}
    {%- set model_config = {
        'materialized': 'table',
        'tags': ['base'],
        'pre_hook': [
            "{{ lead_lifecycle.rejected_lines_reset" ~ call ~ " }}",
        ],
        'post_hook': [
            "{{ lead_lifecycle.rejected_lines_inserted" ~ call ~ " }}",
        ],
    } -%}
    {%- if arrival_column is not none and target.type != 'spark' -%}
        {%- do model_config.update({'materialized': 'incremental', 'incremental_strategy': 'append'}) -%}
        {%- do model_config.pre_hook.append(
            "{{ lead_lifecycle.arrival_window_deleted('" ~ arrival_column ~ "') }}"
        ) -%}
    {%- endif -%}
    {{ return(model_config) }}
{%- endmacro %}

{#- Drops the temporary tables of an earlier read of the same file in this session. -#}
{% macro rejected_lines_reset(source_name, table_name) -%}
    {%- set reader = lead_lifecycle.raw_reader(source_name, table_name) -%}
    {%- if reader.rejects and reader.sql -%}
        drop table if exists temp.main.{{ reader.rejects.table }};
        drop table if exists temp.main.{{ reader.rejects.scan }}
    {%- else -%}
        select 1 as no_rejected_lines
    {%- endif -%}
{%- endmacro %}

{#-
    Adds the lines the CSV reader rejected to the base table, one row per line. DuckDB
    notes a line once per column it could not fill (too few fields) or found in excess
    (too many): the reason keeps the entry that tells the line's real field count.
-#}
{% macro rejected_lines_inserted(source_name, table_name) -%}
    {%- set reader = lead_lifecycle.raw_reader(source_name, table_name) -%}
    {%- if reader.rejects and reader.sql -%}
        insert into {{ this }} (raw_row, raw_row_hash, quarantine_reason)
        select
            min(csv_line) as raw_row,
            {{ lead_lifecycle.generate_surrogate_key(['line', 'min(csv_line)']) }}
                as raw_row_hash,
            'line ' || cast(line as varchar) || ': ' || arg_min(
                error_message || ' (' || error_type || ')',
                {{ lead_lifecycle.rejected_line_error_order() }}
            ) as quarantine_reason
        from temp.main.{{ reader.rejects.table }}
        group by line
    {%- else -%}
        select 1 as no_rejected_lines
    {%- endif -%}
{%- endmacro %}

{#- Order of DuckDB's rejected-line entries: the one that describes the line first. -#}
{% macro rejected_line_error_order() -%}
    struct_pack(
        field_order := case
            when error_type = 'TOO MANY COLUMNS' then -cast(column_idx as bigint)
            else cast(column_idx as bigint)
        end,
        byte_at := byte_position
    )
{%- endmacro %}
