{{ config(**lead_lifecycle.base_model_config('web', 'pages')) }}

{{ lead_lifecycle.contract_typed_rows('web', 'pages') }}
