{#-
    The official MQL moment from the definition's moment and the CRM's moment, as the
    var official_mql_source says: 'definition', 'crm' or 'earliest' (the default).
    Written once here so every model that needs mql_at agrees.
-#}
{% macro official_mql_at(definition_column, crm_column) -%}
    {%- set source = var('official_mql_source', 'earliest') -%}
    {%- if source == 'definition' -%}
        {{ definition_column }}
    {%- elif source == 'crm' -%}
        {{ crm_column }}
    {%- elif source == 'earliest' -%}
        {{ earliest_timestamp([definition_column, crm_column]) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var official_mql_source must be definition, crm or earliest, not '"
            ~ source ~ "'"
        ) }}
    {%- endif -%}
{%- endmacro %}
