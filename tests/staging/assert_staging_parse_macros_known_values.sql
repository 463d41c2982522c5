{#-
    Singular test of the staging parse macros: each case gives a macro, raw text and
    the expected value as text ('' = must not parse, i.e. null). Every macro is
    applied to every raw text; the test returns the cases where the named macro's
    result differs from the expected value.
-#}
with

cases as (
    select * from (
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
        {{ lead_lifecycle.parse_iso_timestamp('raw_text') }} as iso_timestamp_value,
        {{ lead_lifecycle.parse_epoch_ms('raw_text') }} as epoch_ms_value,
        {{ lead_lifecycle.parse_integer('raw_text') }} as integer_value,
        {{ lead_lifecycle.parse_decimal('raw_text') }} as decimal_value,
        {{ lead_lifecycle.parse_boolean('raw_text') }} as boolean_value,
        {{ lead_lifecycle.parse_date('raw_text') }} as date_value,
        {{ lead_lifecycle.url_path('raw_text') }} as url_path_value,
        {{ lead_lifecycle.url_host('raw_text') }} as url_host_value
    from cases
),

compared as (
    select
        macro_name,
        raw_text,
        expected_text,
        case macro_name
            when 'parse_iso_timestamp'
                then
                    cast(iso_timestamp_value as {{ dbt.type_timestamp() }})
                    is not distinct from cast(expected_text as {{ dbt.type_timestamp() }})
            when 'parse_epoch_ms'
                then
                    cast(epoch_ms_value as {{ dbt.type_timestamp() }})
                    is not distinct from cast(expected_text as {{ dbt.type_timestamp() }})
            when 'parse_integer'
                then integer_value is not distinct from cast(expected_text as {{ dbt.type_bigint() }})
            when 'parse_decimal'
                then decimal_value is not distinct from cast(expected_text as {{ dbt.type_numeric() }})
            when 'parse_boolean'
                then boolean_value is not distinct from cast(expected_text as {{ dbt.type_boolean() }})
            when 'parse_date'
                then date_value is not distinct from cast(expected_text as date)
            when 'url_path' then url_path_value is not distinct from expected_text
            when 'url_host' then url_host_value is not distinct from expected_text
        end as is_expected
    from parsed
)

select * from compared
where not coalesce(is_expected, false)
