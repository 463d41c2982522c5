-- The position_based_credit macro: for 1 to 6 touches and the project's weights,
-- credits sum to 1, one touch gets 1, two get 1/2, and from three touches the first
-- and last get their weights. Returns the conversions that break a rule.
{{ config(tags=['web'], meta={'rule': 'position-based credits sum to 1 per conversion'}) }}

{%- set first_weight = var('attribution_position_first_weight') -%}
{%- set last_weight = var('attribution_position_last_weight') -%}

with

touch_numbers as (
    {% for touch_count in range(1, 7) %}
        {% for touch_number in range(1, touch_count + 1) %}
            select
                {{ touch_count }} as touch_count,
                {{ touch_number }} as touch_number
            {% if not loop.last %}union all{% endif %}
        {% endfor %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

credits as (
    select
        touch_count,
        touch_number,
        {{ position_based_credit('touch_number', 'touch_count', first_weight, last_weight) }}
            as credit
    from touch_numbers
),

expected as (
    select
        touch_count,
        touch_number,
        credit,
        case
            when touch_count = 1 then 1
            when touch_count = 2 then 0.5
            when touch_number = 1 then {{ first_weight }}
            when touch_number = touch_count then {{ last_weight }}
        end as expected_credit
    from credits
),

conversions as (
    select
        touch_count,
        sum(credit) as total_credit,
        sum(
            case
                when expected_credit is not null and abs(credit - expected_credit) > 1e-9
                    then 1
                else 0
            end
        ) as wrong_credits
    from expected
    group by touch_count
)

select * from conversions
where abs(total_credit - 1) > 1e-9 or wrong_credits > 0
