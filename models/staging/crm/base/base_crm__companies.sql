{{ config(**lead_lifecycle.base_model_config('crm', 'companies')) }}

{{ lead_lifecycle.contract_typed_rows('crm', 'companies') }}
