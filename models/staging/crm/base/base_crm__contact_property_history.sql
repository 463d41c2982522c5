{{ config(**lead_lifecycle.base_model_config('crm', 'contact_property_history')) }}

{{ lead_lifecycle.contract_typed_rows('crm', 'contact_property_history') }}
