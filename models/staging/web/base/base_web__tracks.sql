{{ config(**lead_lifecycle.base_model_config('web', 'tracks', arrival_column='received_at')) }}

with

typed_rows as (
    {{ lead_lifecycle.contract_typed_rows('web', 'tracks') }}
)

select * from typed_rows
{{ lead_lifecycle.arrival_window_filter('received_at') }}
