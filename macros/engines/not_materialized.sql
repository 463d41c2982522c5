{#-
    The hint that makes a CTE be read where it is used instead of computed once into a
    temporary result: `name as {{ lead_lifecycle.not_materialized() }} (...)`.
    DuckDB (since 1.x) and PostgreSQL materialize a CTE that a query reads more than
    once; for an import CTE over a large table (select * from a ref) that copies the
    whole table into memory and spills it to disk, where reading the table twice costs
    next to nothing and lets each reader push its own filters into the scan. Only for
    CTEs that are cheap to read twice. Spark SQL inlines CTEs and has no such hint.
-#}
{% macro not_materialized() -%}
    {{ return(adapter.dispatch('not_materialized', 'lead_lifecycle')()) }}
{%- endmacro %}

{% macro default__not_materialized() -%}
{%- endmacro %}

{% macro duckdb__not_materialized() -%}
    not materialized
{%- endmacro %}

{% macro postgres__not_materialized() -%}
    not materialized
{%- endmacro %}
