{{ config(tags=['macro']) }}
{#-
    Checks the lifecycle macros on literal values with known answers; returns one row
    per case whose result is wrong.
-#}
{%- set ts = dbt.type_timestamp() -%}

with

cases as (
    select
        'earliest of two' as case_name,
        {{ earliest_timestamp([
            "cast('2025-01-02 00:00:00' as " ~ ts ~ ")",
            "cast('2025-01-01 00:00:00' as " ~ ts ~ ")",
        ]) }} as actual_at,
        cast('2025-01-01 00:00:00' as {{ ts }}) as expected_at
    union all
    select
        'a null is ignored' as case_name,
        {{ earliest_timestamp([
            "cast(null as " ~ ts ~ ")",
            "cast('2025-01-03 00:00:00' as " ~ ts ~ ")",
        ]) }} as actual_at,
        cast('2025-01-03 00:00:00' as {{ ts }}) as expected_at
    union all
    select
        'all null gives null' as case_name,
        {{ earliest_timestamp(["cast(null as " ~ ts ~ ")", "cast(null as " ~ ts ~ ")"]) }}
            as actual_at,
        cast(null as {{ ts }}) as expected_at
),

list_cases as (
    select
        'sql list lower-cases and escapes' as case_name,
        case
            when
                'o''brien' in {{ lifecycle_sql_list(["O'Brien", 'SDR']) }}
                and 'sdr' in {{ lifecycle_sql_list(["O'Brien", 'SDR']) }}
                then 1
            else 0
        end as actual_value,
        1 as expected_value
    union all
    select
        'empty list matches nothing' as case_name,
        case when 'x' in {{ lifecycle_sql_list([]) }} then 1 else 0 end as actual_value,
        0 as expected_value
),

failures as (
    select case_name
    from cases
    where
        not (actual_at = expected_at or (actual_at is null and expected_at is null))
        or (actual_at is null and expected_at is not null)
    union all
    select case_name
    from list_cases
    where actual_value <> expected_value
)

select * from failures
