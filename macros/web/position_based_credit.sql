{#-
    Position-based (U-shaped) attribution credit of one touch: the first and last
    touches get their weights, the touches in between share the rest equally; one
    touch gets 1, two touches get 1/2 each. Credits of one conversion sum to 1.
-#}
{% macro position_based_credit(touch_number, touch_count, first_weight, last_weight) -%}
    {{ return(adapter.dispatch('position_based_credit', 'lead_lifecycle')(
        touch_number, touch_count, first_weight, last_weight
    )) }}
{%- endmacro %}

{% macro default__position_based_credit(touch_number, touch_count, first_weight, last_weight) -%}
    {%- set float_type = lead_lifecycle.type_double() -%}
    case
        when {{ touch_count }} = 1 then cast(1 as {{ float_type }})
        when {{ touch_count }} = 2 then cast(0.5 as {{ float_type }})
        when {{ touch_number }} = 1 then cast({{ first_weight }} as {{ float_type }})
        when {{ touch_number }} = {{ touch_count }} then cast({{ last_weight }} as {{ float_type }})
        else
            (1 - cast({{ first_weight }} as {{ float_type }})
                - cast({{ last_weight }} as {{ float_type }}))
            / cast({{ touch_count }} - 2 as {{ float_type }})
    end
{%- endmacro %}
