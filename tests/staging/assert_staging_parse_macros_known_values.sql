{#-
    Singular test of the staging parse macros: each case gives a macro, raw text and
    the expected value as text ('' = must not parse, i.e. null). Timestamps without an
    offset are read as UTC and, in the *_berlin cases, as Europe/Berlin wall-clock
    time (UTC+1 in March, UTC+2 in July). Every macro is
    applied to every raw text; the test returns the cases where the named macro's
    result differs from the expected value.
-#}
{%- set timestamp_type = dbt.type_timestamp() -%}
{%- set text_type = dbt.type_string() -%}

with

cases as (
    select
        known_values.macro_name,
        known_values.raw_text,
        known_values.expected_text
    from (
        values
        ('parse_iso_timestamp', '2025-03-04T10:22:01.123Z', '2025-03-04 10:22:01.123'),
        ('parse_iso_timestamp', '2025-03-04T10:22:01+01:00', '2025-03-04 09:22:01'),
        ('parse_iso_timestamp', '2025-03-04T00:30:00-02:30', '2025-03-04 03:00:00'),
        ('parse_iso_timestamp', '2025-03-04T10:22:01', '2025-03-04 10:22:01'),
        ('parse_iso_timestamp', '2025-03-04 10:22', '2025-03-04 10:22:00'),
        ('parse_iso_timestamp', '2025-03-04', '2025-03-04 00:00:00'),
        ('parse_iso_timestamp', '2025-13-45T00:00:00Z', ''),
        ('parse_iso_timestamp', 'not a date', ''),
        ('parse_iso_timestamp', '04/03/2025 10:22', ''),
        ('parse_iso_timestamp_berlin', '2025-03-04T10:22:01', '2025-03-04 09:22:01'),
        ('parse_iso_timestamp_berlin', '2025-07-04 10:22', '2025-07-04 08:22:00'),
        ('parse_iso_timestamp_berlin', '2025-03-04', '2025-03-03 23:00:00'),
        ('parse_iso_timestamp_berlin', '2025-03-04T10:22:01Z', '2025-03-04 10:22:01'),
        ('parse_epoch_ms', '1741083721123', '2025-03-04 10:22:01.123'),
        ('parse_epoch_ms', '0', '1970-01-01 00:00:00'),
        ('parse_epoch_ms', '1741083721123.5', ''),
        ('parse_epoch_ms', '2025-03-04', ''),
        ('parse_integer', '42', '42'),
        ('parse_integer', '-7', '-7'),
        ('parse_integer', '12.0', ''),
        ('parse_integer', '1e3', ''),
        ('parse_integer', 'twelve', ''),
        ('parse_decimal', '1234.50', '1234.5'),
        ('parse_decimal', '1e+3', '1000'),
        ('parse_decimal', '1,234.50', ''),
        ('parse_decimal', 'EUR 12', ''),
        ('parse_boolean', 'true', 'true'),
        ('parse_boolean', 'FALSE', 'false'),
        ('parse_boolean', '1', 'true'),
        ('parse_boolean', 'maybe', ''),
        ('parse_date', '2025-03-04', '2025-03-04'),
        ('parse_date', '2025-02-30', ''),
        ('parse_date', '04.03.2025', ''),
        ('url_path', 'https://acme.io/blog/abm?utm_source=g#top', '/blog/abm'),
        ('url_path', 'https://acme.io', '/'),
        ('url_path', '/relative/path', ''),
        ('url_host', 'https://WWW.Google.com/search?q=x', 'google.com'),
        ('url_host', 'http://news.ycombinator.com:443/item', 'news.ycombinator.com'),
        ('url_host', 'not a url', '')
    ) as known_values (macro_name, raw_text, expected_text)
),

parsed as (
    select
        macro_name,
        raw_text,
        nullif(expected_text, '') as expected_text,
        {{ lead_lifecycle.parse_iso_timestamp('raw_text', 'UTC') }} as iso_timestamp_value,
        {{ lead_lifecycle.parse_iso_timestamp('raw_text', 'Europe/Berlin') }}
            as iso_timestamp_berlin_value,
        {{ lead_lifecycle.parse_epoch_ms('raw_text') }} as epoch_ms_value,
        {{ lead_lifecycle.parse_integer('raw_text') }} as integer_value,
        {{ lead_lifecycle.parse_decimal('raw_text') }} as decimal_value,
        {{ lead_lifecycle.parse_boolean('raw_text') }} as boolean_value,
        {{ lead_lifecycle.parse_date('raw_text') }} as date_value,
        {{ lead_lifecycle.url_path('raw_text') }} as url_path_value,
        {{ lead_lifecycle.url_host('raw_text') }} as url_host_value
    from cases
),

-- the named macro's result and the expected value, both typed alike then as text
as_text as (
    select
        macro_name,
        raw_text,
        case
            when macro_name = 'parse_iso_timestamp'
                then cast(cast(iso_timestamp_value as {{ timestamp_type }}) as {{ text_type }})
            when macro_name = 'parse_iso_timestamp_berlin'
                then cast(
                        cast(iso_timestamp_berlin_value as {{ timestamp_type }}) as {{ text_type }}
                    )
            when macro_name = 'parse_epoch_ms'
                then cast(cast(epoch_ms_value as {{ timestamp_type }}) as {{ text_type }})
            when macro_name = 'parse_integer' then cast(integer_value as {{ text_type }})
            when macro_name = 'parse_decimal' then cast(decimal_value as {{ text_type }})
            when macro_name = 'parse_boolean' then cast(boolean_value as {{ text_type }})
            when macro_name = 'parse_date' then cast(date_value as {{ text_type }})
            when macro_name = 'url_path' then url_path_value
            when macro_name = 'url_host' then url_host_value
        end as parsed_text,
        case
            when macro_name in (
                    'parse_iso_timestamp', 'parse_iso_timestamp_berlin', 'parse_epoch_ms'
                )
                then cast(cast(expected_text as {{ timestamp_type }}) as {{ text_type }})
            when macro_name = 'parse_integer'
                then cast(cast(expected_text as {{ dbt.type_bigint() }}) as {{ text_type }})
            when macro_name = 'parse_decimal'
                then cast(cast(expected_text as {{ dbt.type_numeric() }}) as {{ text_type }})
            when macro_name = 'parse_boolean'
                then cast(cast(expected_text as {{ dbt.type_boolean() }}) as {{ text_type }})
            when macro_name = 'parse_date'
                then cast(cast(expected_text as date) as {{ text_type }})
            else expected_text
        end as expected_value_text
    from parsed
),

compared as (
    select
        *,
        coalesce(
            parsed_text = expected_value_text,
            parsed_text is null and expected_value_text is null
        ) as is_expected
    from as_text
)

select * from compared
where not is_expected
