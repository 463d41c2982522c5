{{ config(**lead_lifecycle.base_model_config('marketing', 'email_events')) }}

{{ lead_lifecycle.contract_typed_rows('marketing', 'email_events') }}
