{{ config(**lead_lifecycle.base_model_config('crm', 'users')) }}

{{ lead_lifecycle.contract_typed_rows('crm', 'users') }}
