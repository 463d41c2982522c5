{#-
    A deterministic surrogate key from several columns: the md5 hash (dbt.hash) of the
    columns cast to text, nulls written as a sentinel so that (null, 'a') and ('', 'a')
    give different keys, joined with a separator that cannot appear by accident.
-#}
{% macro generate_surrogate_key(field_list) -%}
    {%- set parts = [] -%}
    {%- for field in field_list -%}
        {%- do parts.append(
            "coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '_null_')"
        ) -%}
        {%- if not loop.last -%}{%- do parts.append("'-|-'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
