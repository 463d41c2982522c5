{{ config(**lead_lifecycle.base_model_config('crm', 'contacts')) }}

{{ lead_lifecycle.contract_typed_rows('crm', 'contacts') }}
