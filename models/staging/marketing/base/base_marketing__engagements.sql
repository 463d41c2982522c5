{{ config(**lead_lifecycle.base_model_config('marketing', 'engagements')) }}

{{ lead_lifecycle.contract_typed_rows('marketing', 'engagements') }}
