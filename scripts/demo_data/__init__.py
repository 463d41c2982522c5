"""Deterministic demo-data generator for lead_lifecycle (see scripts/generate_demo_data.py).

Modules:
    catalog     the demo company: website pages, channels, campaigns, people vocabularies
    ids         seeded random generators, id and timestamp formatting (vectorised)
    writers     chunked CSV / Parquet writers that enforce the raw contract
    population  users, companies, persons, contact records and their lifecycle timelines
    crm         CRM tables (contacts, property history, engagements, deals, ...)
    marketing   marketing tables (forms, email events, engagements, ad spend)
    web         Segment tables (pages, tracks, identifies)
    mess        the defects real exports have (duplicates, broken rows, offsets)
"""
