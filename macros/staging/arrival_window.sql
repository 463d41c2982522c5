{#-
    The arrival window of an incremental base model (doc staging_arrival_window): the
    raw rows that arrived (arrival_column, received_at for Segment events) at or after
    reprocess_arrivals_after, var web_lookback_days before the newest arrival already
    loaded, plus the rows whose arrival is unknown (null or unparseable: quarantined).
    An incremental run deletes that window from the base table and loads it again from
    the raw file, so the table equals a full refresh as long as rows that arrived before
    the window do not change; the nightly full refresh (dbt build --full-refresh)
    re-reads everything.

    arrival_watermark gives the window's start as a literal, read once from the table
    before the run changes it, so the pre-hook's delete and the model's filter agree
    (none outside an incremental run, and in unit tests, which have no table).
-#}
{% macro arrival_watermark(arrival_column) -%}
    {%- if not execute or model.resource_type == 'unit_test' or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set query -%}
        select cast({{ lead_lifecycle.reprocess_arrivals_after(arrival_column) }} as {{ dbt.type_string() }})
        from {{ this }}
    {%- endset -%}
    {%- set watermark = run_query(query).columns[0].values()[0] -%}
    {{ return("cast('" ~ watermark ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}

{#- The rows of the arrival window: a where clause on incremental runs, else nothing. -#}
{% macro arrival_window_filter(arrival_column) -%}
    {%- set watermark = lead_lifecycle.arrival_watermark(arrival_column) -%}
    {%- if watermark is not none -%}
        where {{ arrival_column }} is null or {{ arrival_column }} >= {{ watermark }}
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook: the arrival window leaves the table before it is loaded again. -#}
{% macro arrival_window_deleted(arrival_column) -%}
    {%- set watermark = lead_lifecycle.arrival_watermark(arrival_column) -%}
    {%- if watermark is not none -%}
        delete from {{ this }}
        where {{ arrival_column }} is null or {{ arrival_column }} >= {{ watermark }}
    {%- else -%}
        select 1 as no_arrival_window
    {%- endif -%}
{%- endmacro %}
