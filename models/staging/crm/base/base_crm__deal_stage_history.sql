{{ config(**lead_lifecycle.base_model_config('crm', 'deal_stage_history')) }}

{{ lead_lifecycle.contract_typed_rows('crm', 'deal_stage_history') }}
