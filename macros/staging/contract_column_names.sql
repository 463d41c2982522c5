{#-
    The quoted column names of a raw contract table, in contract order. Used where a
    model needs every raw column, e.g. to hash whole rows.
-#}
{% macro contract_column_names(source_name, table_name) -%}
    {%- set names = [] -%}
    {%- for column in lead_lifecycle.contract_table(source_name, table_name).columns -%}
        {%- do names.append(adapter.quote(column.name)) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
