{#-
    How staging reads one raw column, given its database type in the raw relation
    and its contract logical type. Returns a dict:
      value: SQL giving the typed value (null when absent or unparseable);
      text:  SQL giving the raw value as trimmed text with '' as null, when the raw
             column is text (CSV read as text); none for natively typed columns
             (Parquet), which cannot hold an unparseable value.
    Text is parsed with parse_logical_type; native types are converted directly
    (a Parquet timestamp with time zone becomes a UTC timestamp), so big Parquet
    tables are never round-tripped through text.
-#}
{% macro cast_raw_column(column_name, raw_type, logical_type) -%}
    {%- set column = adapter.quote(column_name) -%}
    {%- set raw_type = (raw_type or 'VARCHAR') | upper -%}
    {%- set is_text = 'CHAR' in raw_type or 'TEXT' in raw_type or 'STRING' in raw_type -%}
    {%- set is_integer = 'INT' in raw_type and 'INTERVAL' not in raw_type -%}
    {%- set is_number = is_integer or 'DECIMAL' in raw_type or 'NUMERIC' in raw_type
        or 'DOUBLE' in raw_type or 'FLOAT' in raw_type or 'REAL' in raw_type -%}
    {%- set is_timestamp = 'TIMESTAMP' in raw_type -%}
    {%- set is_timestamptz = 'TIME ZONE' in raw_type or 'TIMESTAMPTZ' in raw_type -%}
    {%- set native = none -%}
    {%- if logical_type == 'timestamp' and is_timestamptz -%}
        {%- set native = lead_lifecycle.timestamptz_to_utc(column) -%}
    {%- elif logical_type == 'timestamp' and (is_timestamp or raw_type == 'DATE') -%}
        {%- set native = "cast(" ~ column ~ " as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- elif logical_type in ('epoch_ms', 'timestamp') and is_integer -%}
        {#- an integer epoch (a common Parquet export setting): seconds or ms by magnitude -#}
        {%- set native = lead_lifecycle.epoch_to_timestamp(column) -%}
    {%- elif logical_type == 'date' and (raw_type == 'DATE' or is_timestamp) -%}
        {%- set native = "cast(" ~ column ~ " as date)" -%}
    {%- elif logical_type == 'integer' and is_integer -%}
        {%- set native = "cast(" ~ column ~ " as " ~ dbt.type_bigint() ~ ")" -%}
    {%- elif logical_type == 'decimal' and is_number -%}
        {%- set native = "cast(" ~ column ~ " as " ~ dbt.type_numeric() ~ ")" -%}
    {%- elif logical_type == 'boolean' and raw_type.startswith('BOOL') -%}
        {%- set native = column -%}
    {%- endif -%}
    {%- if native is not none and not is_text -%}
        {{ return({'value': native, 'text': none}) }}
    {%- endif -%}
    {%- set text = lead_lifecycle.empty_to_null(column) -%}
    {{ return({'value': lead_lifecycle.parse_logical_type(text, logical_type), 'text': text}) }}
{%- endmacro %}
