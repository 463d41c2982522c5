{{ config(**lead_lifecycle.base_model_config('marketing', 'form_submissions')) }}

{{ lead_lifecycle.contract_typed_rows('marketing', 'form_submissions') }}
