{#-
    Rendered from scripts/contract.py by `python -m scripts.render_sources`; do not
    edit by hand. Every raw contract table with its staging model and primary key,
    for the models that cover all raw tables (quarantine, row-count reconciliation).
-#}
{% macro raw_contract_tables() -%}
    {{ return([
        {'source': 'crm', 'table': 'contacts', 'model': 'stg_crm__contacts', 'primary_key': ['hs_object_id']},
        {'source': 'crm', 'table': 'companies', 'model': 'stg_crm__companies', 'primary_key': ['hs_object_id']},
        {'source': 'crm', 'table': 'users', 'model': 'stg_crm__users', 'primary_key': ['id']},
        {'source': 'crm', 'table': 'contact_property_history', 'model': 'stg_crm__contact_property_history', 'primary_key': ['object_id', 'property_name', 'timestamp', 'value']},
        {'source': 'crm', 'table': 'engagements', 'model': 'stg_crm__engagements', 'primary_key': ['hs_object_id']},
        {'source': 'crm', 'table': 'deals', 'model': 'stg_crm__deals', 'primary_key': ['hs_object_id']},
        {'source': 'crm', 'table': 'deal_stage_history', 'model': 'stg_crm__deal_stage_history', 'primary_key': ['deal_id', 'dealstage', 'timestamp']},
        {'source': 'marketing', 'table': 'form_submissions', 'model': 'stg_marketing__form_submissions', 'primary_key': ['conversion_id']},
        {'source': 'marketing', 'table': 'email_events', 'model': 'stg_marketing__email_events', 'primary_key': ['id']},
        {'source': 'marketing', 'table': 'engagements', 'model': 'stg_marketing__engagements', 'primary_key': ['engagement_id']},
        {'source': 'marketing', 'table': 'ad_spend', 'model': 'stg_marketing__ad_spend', 'primary_key': ['date', 'platform', 'campaign_id']},
        {'source': 'web', 'table': 'pages', 'model': 'stg_web__pages', 'primary_key': ['id']},
        {'source': 'web', 'table': 'tracks', 'model': 'stg_web__tracks', 'primary_key': ['id']},
        {'source': 'web', 'table': 'identifies', 'model': 'stg_web__identifies', 'primary_key': ['id']},
    ]) }}
{%- endmacro %}
