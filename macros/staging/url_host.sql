{#-
    The host of a URL, lower-case and without a leading 'www.'
    ('https://WWW.Google.com/search?q=x' gives 'google.com'). Null or text that is
    not an absolute URL gives null.
-#}
{% macro url_host(url) -%}
    {{ return(adapter.dispatch('url_host', 'lead_lifecycle')(url)) }}
{%- endmacro %}

{% macro default__url_host(url) -%}
    nullif(regexp_replace(
        lower(substring({{ url }} from '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#:]+)')), '^www[.]', ''
    ), '')
{%- endmacro %}

{% macro duckdb__url_host(url) -%}
    nullif(regexp_replace(
        lower(regexp_extract({{ url }}, '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#:]+)', 1)), '^www[.]', ''
    ), '')
{%- endmacro %}

{% macro spark__url_host(url) -%}
    nullif(regexp_replace(
        lower(regexp_extract({{ url }}, '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#:]+)', 1)), '^www[.]', ''
    ), '')
{%- endmacro %}
