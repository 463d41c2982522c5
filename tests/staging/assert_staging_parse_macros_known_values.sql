{#-
    Singular test of the staging parse macros: each case gives raw text, the macro,
    and the expected value as text (null = must not parse). Returns the cases where
    the macro's result differs from the expected one.
-#}
{%- set cases = [
    ('parse_iso_timestamp', '2025-03-04T10:22:01.123Z', '2025-03-04 10:22:01.123'),
    ('parse_iso_timestamp', '2025-03-04T10:22:01+01:00', '2025-03-04 09:22:01'),
    ('parse_iso_timestamp', '2025-03-04T00:30:00-02:30', '2025-03-04 03:00:00'),
    ('parse_iso_timestamp', '2025-03-04T10:22:01', '2025-03-04 10:22:01'),
    ('parse_iso_timestamp', '2025-03-04 10:22', '2025-03-04 10:22:00'),
    ('parse_iso_timestamp', '2025-03-04', '2025-03-04 00:00:00'),
    ('parse_iso_timestamp', '2025-13-45T00:00:00Z', none),
    ('parse_iso_timestamp', 'not a date', none),
    ('parse_iso_timestamp', '04/03/2025 10:22', none),
    ('parse_epoch_ms', '1741083721123', '2025-03-04 10:22:01.123'),
    ('parse_epoch_ms', '0', '1970-01-01 00:00:00'),
    ('parse_epoch_ms', '1741083721123.5', none),
    ('parse_epoch_ms', '2025-03-04', none),
    ('parse_integer', '42', '42'),
    ('parse_integer', '-7', '-7'),
    ('parse_integer', '12.0', none),
    ('parse_integer', '1e3', none),
    ('parse_integer', 'twelve', none),
    ('parse_decimal', '1234.50', '1234.5'),
    ('parse_decimal', '1e+3', '1000'),
    ('parse_decimal', '1,234.50', none),
    ('parse_decimal', 'EUR 12', none),
    ('parse_boolean', 'true', 'true'),
    ('parse_boolean', 'FALSE', 'false'),
    ('parse_boolean', '1', 'true'),
    ('parse_boolean', 'maybe', none),
    ('parse_date', '2025-03-04', '2025-03-04'),
    ('parse_date', '2025-02-30', none),
    ('parse_date', '04.03.2025', none),
    ('url_path', 'https://acme.io/blog/abm?utm_source=g#top', '/blog/abm'),
    ('url_path', 'https://acme.io', '/'),
    ('url_path', '/relative/path', none),
    ('url_host', 'https://WWW.Google.com/search?q=x', 'google.com'),
    ('url_host', 'http://news.ycombinator.com:443/item', 'news.ycombinator.com'),
    ('url_host', 'not a url', none),
] -%}

with

cases as (
    {%- for macro_name, raw_text, expected in cases %}
    select
        '{{ macro_name }}' as macro_name,
        '{{ raw_text }}' as raw_text,
        {% if expected is none -%}
            cast(null as {{ dbt.type_string() }})
        {%- else -%}
            '{{ expected }}'
        {%- endif %} as expected_value,
        {% set parsed = context['lead_lifecycle'][macro_name]("'" ~ raw_text ~ "'") -%}
        {%- if macro_name in ('parse_iso_timestamp', 'parse_epoch_ms') -%}
            cast({{ parsed }} as {{ dbt.type_timestamp() }})
        {%- else -%}
            {{ parsed }}
        {%- endif %} as parsed_value
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

compared as (
    select
        macro_name,
        raw_text,
        expected_value,
        cast(parsed_value as {{ dbt.type_string() }}) as parsed_text,
        case
            when expected_value is null then parsed_value is null
            when macro_name in ('parse_iso_timestamp', 'parse_epoch_ms')
                then parsed_value = cast(expected_value as {{ dbt.type_timestamp() }})
            when macro_name = 'parse_decimal'
                then parsed_value = cast(expected_value as {{ dbt.type_numeric() }})
            else cast(parsed_value as {{ dbt.type_string() }}) = expected_value
        end as is_expected
    from cases
)

select * from compared
where not coalesce(is_expected, false)
