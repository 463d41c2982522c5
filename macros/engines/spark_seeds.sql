{#-
    Seeds on Spark. dbt-spark's session mode substitutes the seed values into the SQL
    with Python's % formatting, unescaped: a value with an apostrophe breaks the
    statement and an empty cell becomes the text 'None'. These overrides write each
    value as an escaped literal (null for an empty cell) and rename the yml's
    column_types for Spark (engine_data_type), so the seed CSVs stay as they are.
-#}
{% macro spark_seed_column_type(agate_table, column_index, column_name) -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set inferred_type = adapter.convert_type(agate_table, column_index) -%}
    {{ return(lead_lifecycle.engine_data_type(column_override.get(column_name, inferred_type))) }}
{%- endmacro %}

{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}
        {{ return('null') }}
    {%- endif -%}
    {%- set text = value | string -%}
    {{ return("'" ~ text.replace('\\', '\\\\').replace("'", "\\'") ~ "'") }}
{%- endmacro %}

{% macro spark__create_csv_table(model, agate_table) %}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {% set sql %}
    create table {{ this.render() }} (
        {%- for col_name in agate_table.column_names -%}
            {{ adapter.quote_seed_column(col_name | string, quote_seed_column) }}
            {{ lead_lifecycle.spark_seed_column_type(agate_table, loop.index0, col_name) }}
            {%- if not loop.last -%}, {%- endif -%}
        {%- endfor -%}
    )
    {{ file_format_clause() }}
    {{ partition_cols(label="partitioned by") }}
    {{ clustered_cols(label="clustered by") }}
    {{ location_clause() }}
    {{ comment_clause() }}
    {% endset %}
    {% call statement('_') -%}
        {{ sql }}
    {%- endcall %}
    {{ return(sql) }}
{% endmacro %}

{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do types.append(lead_lifecycle.spark_seed_column_type(agate_table, loop.index0, col_name)) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                (
                {%- for value in row -%}
                    cast({{ lead_lifecycle.spark_seed_literal(value) }} as {{ types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%}
                ){%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{% endmacro %}
