{{ config(**lead_lifecycle.base_model_config('crm', 'engagements')) }}

{{ lead_lifecycle.contract_typed_rows('crm', 'engagements') }}
