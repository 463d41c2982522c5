{#-
    Model contracts on PostgreSQL and Spark with the yml's DuckDB type names: these
    adapter macros of dbt (found before dbt's own through dispatch) rename the types
    with engine_data_type, then do what dbt does.
-#}

{#- The "empty schema" query dbt compares a contracted model's columns with. -#}
{% macro postgres__get_empty_schema_sql(columns) -%}
    {{ return(dbt.default__get_empty_schema_sql(lead_lifecycle.engine_columns(columns))) }}
{%- endmacro %}

{% macro spark__get_empty_schema_sql(columns) -%}
    {{ return(dbt.default__get_empty_schema_sql(lead_lifecycle.engine_columns(columns))) }}
{%- endmacro %}

{#- The column list of `create table (...)` that PostgreSQL uses for contracted tables. -#}
{% macro postgres__get_table_columns_and_constraints() -%}
    {%- set raw_column_constraints = adapter.render_raw_columns_constraints(
        raw_columns=lead_lifecycle.engine_columns(model['columns'])
    ) -%}
    {%- set raw_model_constraints = adapter.render_raw_model_constraints(
        raw_constraints=model['constraints']
    ) -%}
    (
    {% for c in raw_column_constraints -%}
        {{ c }}{{ "," if not loop.last or raw_model_constraints }}
    {% endfor %}
    {% for c in raw_model_constraints -%}
        {{ c }}{{ "," if not loop.last }}
    {% endfor -%}
    )
{%- endmacro %}
