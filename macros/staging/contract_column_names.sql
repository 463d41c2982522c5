{#-
    The quoted column names of a raw contract table, in contract order (empty while
    parsing). Used where a model needs every raw column, e.g. to hash whole rows.
-#}
{% macro contract_column_names(source_name, table_name) -%}
    {%- set names = [] -%}
    {%- if execute -%}
        {%- for column_name in lead_lifecycle.contract_table(source_name, table_name).columns.keys() -%}
            {%- do names.append(adapter.quote(column_name)) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(names) }}
{%- endmacro %}
