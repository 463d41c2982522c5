{{ config(**lead_lifecycle.base_model_config('marketing', 'ad_spend')) }}

{{ lead_lifecycle.contract_typed_rows('marketing', 'ad_spend') }}
