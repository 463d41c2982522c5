{#-
    The watermark of an incremental run over event arrivals: var web_lookback_days
    before the newest arrival already in the model (`arrival_column` of {{ this }}), so
    late events land where a full refresh would put them. An empty model (a first
    build on a header-only export, a company that starts tracking later) has no newest
    arrival: the watermark is then the distant past and the run takes every row, as a
    full refresh would, instead of none.
-#}
{% macro reprocess_arrivals_after(arrival_column) -%}
    coalesce(
        {{ dbt.dateadd(
            'day', -1 * (var('web_lookback_days') | int), 'max(' ~ arrival_column ~ ')'
        ) }},
        cast('1900-01-01 00:00:00' as {{ dbt.type_timestamp() }})
    )
{%- endmacro %}
