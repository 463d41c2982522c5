{#-
    One row per calendar day from start_date to end_date (both included), in a
    column named date_day. Built from cross-joined digits so it needs no
    generate_series (which Spark and some warehouses lack) and no dbt_utils.
    start_date / end_date are SQL expressions (quote literal dates yourself; a
    scalar subquery works). At most 100,000 days (about 270 years).
-#}
{% macro date_spine(start_date, end_date) -%}
    {{ return(adapter.dispatch('date_spine', 'lead_lifecycle')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(start_date, end_date) -%}
    with

    digits as (
        {% for digit in range(10) -%}
            select {{ digit }} as digit
            {% if not loop.last %}union all{% endif %}
        {% endfor %}
    ),

    day_offsets as (
        select
            ten_thousands.digit * 10000
            + thousands.digit * 1000
            + hundreds.digit * 100
            + tens.digit * 10
            + units.digit as day_offset
        from digits as ten_thousands
        cross join digits as thousands
        cross join digits as hundreds
        cross join digits as tens
        cross join digits as units
    ),

    spine as (
        select
            cast(
                {{ dbt.dateadd('day', 'day_offset', 'cast(' ~ start_date ~ ' as date)') }}
                as date
            ) as date_day
        from day_offsets
    )

    select date_day
    from spine
    where date_day <= cast({{ end_date }} as date)
{%- endmacro %}
