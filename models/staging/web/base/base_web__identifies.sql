{{ config(**lead_lifecycle.base_model_config('web', 'identifies')) }}

{{ lead_lifecycle.contract_typed_rows('web', 'identifies') }}
