{#-
    The path of a URL: what follows scheme and host, without query string or
    fragment ('https://acme.io/blog/x?utm_source=g' gives '/blog/x'; a bare host
    gives '/'). Null or text that is not an absolute URL gives null.
-#}
{% macro url_path(url) -%}
    {{ return(adapter.dispatch('url_path', 'lead_lifecycle')(url)) }}
{%- endmacro %}

{% macro default__url_path(url) -%}
    case
        when {{ lead_lifecycle.matches_regex(url, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+') }}
            then coalesce(
                substring({{ url }} from '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+(/[^?#]*)'), '/'
            )
    end
{%- endmacro %}

{% macro duckdb__url_path(url) -%}
    case
        when {{ lead_lifecycle.matches_regex(url, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+') }}
            then coalesce(
                nullif(regexp_extract({{ url }}, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+(/[^?#]*)', 1), ''),
                '/'
            )
    end
{%- endmacro %}

{% macro spark__url_path(url) -%}
    case
        when {{ lead_lifecycle.matches_regex(url, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+') }}
            then coalesce(
                nullif(regexp_extract({{ url }}, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+(/[^?#]*)', 1), ''),
                '/'
            )
    end
{%- endmacro %}
