{#-
    What a generic data test reads (doc data_test_window). dbt calls this macro for the
    relation every generic test checks; this project's version adds one rule to dbt's
    own (the `where` config):

    - var data_test_window_days empty (the default: make test, the nightly run): the
      whole relation, as dbt does;
    - var data_test_window_days = N (the daily run) and the relation listed in var
      data_test_window_columns: only its rows whose window column lies within N days of
      the newest value in the relation (a day of new events, and the late arrivals the
      incremental models rebuild). A unique test reads every row whose key occurs among
      those rows, so a new row that repeats an old key still fails it.

    Relations not listed, and singular tests, always read everything.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set window_days = var('data_test_window_days', none) -%}
    {%- set window_column = var('data_test_window_columns', {}).get(relation.identifier) -%}
    {%- if window_days is none or window_column is none -%}
        {{ return(adapter.dispatch('get_where_subquery', 'dbt')(relation)) }}
    {%- endif -%}
    {%- set where = config.get('where') -%}
    {%- set recent -%}
        {{ window_column }} >= (
            select {{ dbt.dateadd('day', -1 * (window_days | int), 'max(' ~ window_column ~ ')') }}
            from {{ relation }}
        )
    {%- endset -%}
    {%- set test_metadata = model.get('test_metadata') or {} -%}
    {%- set key_column = (test_metadata.get('kwargs') or {}).get('column_name') -%}
    {%- if test_metadata.get('name') == 'unique' and key_column -%}
        {%- set recent -%}
            {{ key_column }} in (select {{ key_column }} from {{ relation }} where {{ recent }})
        {%- endset -%}
    {%- endif -%}
    {%- set filtered -%}
        (select * from {{ relation }} where {{ recent }}{{ ' and (' ~ where ~ ')' if where }}) as dbt_subquery
    {%- endset -%}
    {{ return(filtered) }}
{%- endmacro %}
