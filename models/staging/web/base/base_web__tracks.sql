{{ config(**lead_lifecycle.base_model_config('web', 'tracks')) }}

{{ lead_lifecycle.contract_typed_rows('web', 'tracks') }}
