{#-
    One raw contract table from raw_contract_tables() (rendered from
    scripts/contract.py): a dict with source, table, model, file_path, primary_key and
    columns (name, logical_type, required). Raises for an unknown table.
-#}
{% macro contract_table(source_name, table_name) -%}
    {%- for contract_table in lead_lifecycle.raw_contract_tables() -%}
        {%- if contract_table.source == source_name and contract_table.table == table_name -%}
            {{ return(contract_table) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(
        "no raw contract table " ~ source_name ~ "." ~ table_name ~ " in scripts/contract.py"
    ) }}
{%- endmacro %}
