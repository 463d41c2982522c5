{{ config(**lead_lifecycle.base_model_config('crm', 'deals')) }}

{{ lead_lifecycle.contract_typed_rows('crm', 'deals') }}
