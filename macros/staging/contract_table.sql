{#-
    The source node of a raw contract table (rendered from scripts/contract.py):
    its columns carry meta.logical_type / required / is_primary_key and the table's
    meta carries file_path and primary_key. Only meaningful in execute mode.
-#}
{% macro contract_table(source_name, table_name) -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.source_name == source_name and node.name == table_name -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(
        "no raw contract table " ~ source_name ~ "." ~ table_name ~ " in the sources yml"
    ) }}
{%- endmacro %}
