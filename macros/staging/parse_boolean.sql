{#-
    Text to boolean: true/t/1/yes and false/f/0/no in any case; anything else null.
-#}
{% macro parse_boolean(expression) -%}
    case
        when lower({{ expression }}) in ('true', 't', '1', 'yes') then true
        when lower({{ expression }}) in ('false', 'f', '0', 'no') then false
    end
{%- endmacro %}
