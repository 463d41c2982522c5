"""Hand-made raw folders in the shapes real exports take (see test_real_exports.py).

Each is small enough to compute every figure by hand; the comments give the numbers the
tests expect. Tables not listed are exported header-only (a system the company does not
use).
"""

from __future__ import annotations

from typing import Any

Rows = list[dict[str, Any]]

# ---------------------------------------------------------------------------------------
# A. A seller-acquisition funnel of 2017-2018 that records only sign-up MQLs and won
#    deals: no SQL or opportunity stage, no web, ad, e-mail or engagement data, users
#    without a creation date, deals without a creation date or stage history.
#    6 MQLs (the CRM marks them MQL when they sign up); 3 are won:
#      contact 2: MQL 2017-07-03 09:00, won 2017-08-20 14:00 -> 48.208333 days
#      contact 3: MQL 2017-07-20 15:30, won 2017-11-02 14:00 -> 104.9375 days
#      contact 5: MQL 2018-01-15 08:00, won 2018-03-01 14:00 -> 45.25 days
#    median days from lead to customer: 48.208333.
#    Calendar: 2017-06-01 .. 2018-03-31 (304 days).
# ---------------------------------------------------------------------------------------
_A_SIGNUPS = [
    (1, "2017-06-14T10:00:00Z", "PAID_SEARCH", "marketingqualifiedlead"),
    (2, "2017-07-03T09:00:00Z", "ORGANIC_SEARCH", "customer"),
    (3, "2017-07-20T15:30:00Z", "SOCIAL_MEDIA", "customer"),
    (4, "2017-12-05T12:00:00Z", "EMAIL_MARKETING", "marketingqualifiedlead"),
    (5, "2018-01-15T08:00:00Z", "PAID_SEARCH", "customer"),
    (6, "2018-02-10T11:00:00Z", "DIRECT_TRAFFIC", "marketingqualifiedlead"),
]
_A_WINS = [(2, 102, "2017-08-20T14:00:00Z", "1200"), (3, 103, "2017-11-02T14:00:00Z", "800"),
           (5, 105, "2018-03-01T14:00:00Z", "3000")]

SELLER_FUNNEL_2017: dict[str, Rows] = {
    "crm/contacts": [
        {"hs_object_id": cid, "email": f"seller{cid}@loja.example", "createdate": at,
         "hs_analytics_source": source, "lifecyclestage": stage}
        for cid, at, source, stage in _A_SIGNUPS
    ],
    "crm/contact_property_history": [
        *[{"object_id": cid, "property_name": "lifecyclestage", "value": "marketingqualifiedlead",
           "timestamp": at, "source_type": "FORM"} for cid, at, _, _ in _A_SIGNUPS],
        *[{"object_id": cid, "property_name": "lifecyclestage", "value": "customer",
           "timestamp": at, "source_type": "CRM_UI", "updated_by_user_id": 12}
          for cid, _, at, _ in _A_WINS],
    ],
    "crm/deals": [
        {"hs_object_id": deal, "dealname": f"Seller {cid}", "amount": amount,
         "dealstage": "closedwon", "closedate": at, "hubspot_owner_id": 12,
         "associated_contact_id": cid}
        for cid, deal, at, amount in _A_WINS
    ],
    "crm/users": [
        {"id": 11, "email": "sdr@seller.example", "role": "SDR"},
        {"id": 12, "email": "closer@seller.example", "role": "AE"},
    ],
}

# ---------------------------------------------------------------------------------------
# B. A B2B pipeline export of opportunities in Prospecting / Engaging / Won / Lost
#    (labels, not HubSpot's internal names). Prospecting deals carry no dates at all;
#    the export has no contacts of its own (one per account), no creation dates for
#    contacts or companies, no stage history, and amounts in USD except one in EUR.
#      open: 1001, 1004 (Engaging: a stage the seed does not know), 1007, 1009 -> 4
#      won:  1002 (closed 2017-02-10, 36 days, EUR), 1005 (2017-04-30, 28 days, USD)
#      lost: 1003 (2017-03-15, 54 days), 1006 (2017-06-20, 41 days), 1008 (2017-07-05, 34)
#    win rate 2 / 5 = 0.4; by quarter Q1 1/2, Q2 1/2, Q3 0/1.
#    median days to close: won 32, lost 41.
#    Contact 305 has only an undated Prospecting deal: a lead without a lead date.
#    Calendar: 2017-01-01 .. 2017-07-31 (212 days).
# ---------------------------------------------------------------------------------------
_B_DEALS = [
    # deal, contact, owner, stage, engage date, close date, amount, currency
    (1001, 301, 21, "Prospecting", None, None, None, "USD"),
    (1002, 301, 21, "Won", "2017-01-05", "2017-02-10", "1000", None),
    (1003, 302, 22, "Lost", "2017-01-20", "2017-03-15", "0", "USD"),
    (1004, 302, 22, "Engaging", "2017-03-01", None, None, "USD"),
    (1005, 303, 21, "Won", "2017-04-02", "2017-04-30", "2500", "USD"),
    (1006, 303, 22, "Lost", "2017-05-10", "2017-06-20", "0", "USD"),
    (1007, 304, 22, "Prospecting", None, None, None, "USD"),
    (1008, 304, 21, "Lost", "2017-06-01", "2017-07-05", "0", "USD"),
    (1009, 305, 21, "Prospecting", None, None, None, "USD"),
]

B2B_PIPELINE: dict[str, Rows] = {
    "crm/companies": [
        {"hs_object_id": 200 + i, "name": name, "industry": "SOFTWARE", "numberofemployees": size}
        for i, (name, size) in enumerate(
            [("Acme Corp", 120), ("Betatech", 40), ("Cancore", 900), ("Dontechi", 15),
             ("Echo Ltd", 300)], start=1)
    ],
    "crm/contacts": [
        {"hs_object_id": 300 + i, "email": f"buyer@account{i}.example", "associatedcompanyid": 200 + i}
        for i in range(1, 6)
    ],
    "crm/deals": [
        {"hs_object_id": deal, "dealname": f"Deal {deal}", "amount": amount, "pipeline": "sales",
         "dealstage": stage, "createdate": engaged, "closedate": closed, "hubspot_owner_id": owner,
         "associated_contact_id": contact, "associated_company_id": contact - 100,
         "deal_currency_code": currency}
        for deal, contact, owner, stage, engaged, closed, amount, currency in _B_DEALS
    ],
    "crm/users": [
        {"id": 21, "email": "agent21@pipeline.example", "role": "AE"},
        {"id": 22, "email": "agent22@pipeline.example", "role": "AE"},
    ],
}

# ---------------------------------------------------------------------------------------
# C. A CRM export with bulk-imported contacts who later converted, values outside the
#    seeds' lists, a form export that carries the contact id, and timestamps without an
#    offset in the company's time zone (built with raw_timestamp_time_zone =
#    Europe/Berlin: UTC+1 in winter, UTC+2 from 2024-03-31).
#      401: imported 2024-01-10 (the import set lead), SQL by an SDR 2024-03-01 09:00,
#           deal created 2024-03-05 10:00, won 2024-04-02 12:00 (CEST): a lead from the
#           SQL stage, 2024-03-01 08:00 UTC; customer 2024-04-02 10:00 UTC. A second deal
#           in 'Verbal Commit' (unknown stage) stays open.
#      402: imported, never engaged: a cold suspect.
#      403: source 'LinkedIn Ads' and CRM stage 'prospect_custom' (unknown); a form of
#           type 'trial_signup' (unknown) whose e-mail differs from the CRM's but whose
#           contact_id is 403: a lead at 2024-02-01 09:05 UTC, channel other.
#      404: no createdate; a 'podcast_guest' marketing engagement (unknown type) on
#           2024-03-10 14:00: created and a lead at 13:00 UTC.
#    Unknown values kept and reported: LinkedIn Ads, prospect_custom, trial_signup,
#    podcast_guest, role CSM, engagement type SMS, e-mail event FORWARD, Verbal Commit.
# ---------------------------------------------------------------------------------------
CRM_IMPORTS_AND_UNKNOWNS: dict[str, Rows] = {
    "crm/contacts": [
        {"hs_object_id": 401, "email": "ines@imported.example", "createdate": "2024-01-10",
         "hs_analytics_source": "OFFLINE", "hs_analytics_source_data_1": "IMPORT",
         "lifecyclestage": "customer", "hubspot_owner_id": 31},
        {"hs_object_id": 402, "email": "jon@imported.example", "createdate": "2024-01-10",
         "hs_analytics_source": "OFFLINE", "hs_analytics_source_data_1": "IMPORT",
         "lifecyclestage": "lead"},
        {"hs_object_id": 403, "email": "kim@newco.example", "createdate": "2024-02-01 10:00:00",
         "hs_analytics_source": "LinkedIn Ads", "lifecyclestage": "prospect_custom",
         "hubspot_owner_id": 32},
        {"hs_object_id": 404, "email": "bob@podcast.example", "createdate": None},
    ],
    "crm/contact_property_history": [
        {"object_id": 401, "property_name": "lifecyclestage", "value": "lead",
         "timestamp": "2024-01-10 00:00:00", "source_type": "IMPORT", "source_id": "import-7"},
        {"object_id": 401, "property_name": "lifecyclestage", "value": "salesqualifiedlead",
         "timestamp": "2024-03-01 09:00:00", "source_type": "CRM_UI", "updated_by_user_id": 31},
        {"object_id": 401, "property_name": "lifecyclestage", "value": "opportunity",
         "timestamp": "2024-03-05 10:00:00", "source_type": "CRM_UI", "updated_by_user_id": 31},
        {"object_id": 401, "property_name": "lifecyclestage", "value": "customer",
         "timestamp": "2024-04-02 12:00:00", "source_type": "CRM_UI", "updated_by_user_id": 31},
        {"object_id": 402, "property_name": "lifecyclestage", "value": "lead",
         "timestamp": "2024-01-10 00:00:00", "source_type": "IMPORT", "source_id": "import-7"},
        {"object_id": 403, "property_name": "lifecyclestage", "value": "prospect_custom",
         "timestamp": "2024-02-01 10:00:00", "source_type": "API"},
    ],
    "crm/deals": [
        {"hs_object_id": 501, "dealname": "Imported win", "amount": "5000", "dealstage": "closedwon",
         "createdate": "2024-03-05 10:00:00", "closedate": "2024-04-02 12:00:00",
         "hubspot_owner_id": 31, "associated_contact_id": 401},
        {"hs_object_id": 502, "dealname": "Upsell", "amount": "900", "dealstage": "Verbal Commit",
         "createdate": "2024-04-10 10:00:00", "closedate": "2024-06-30",
         "hubspot_owner_id": 31, "associated_contact_id": 401},
    ],
    "crm/users": [
        {"id": 31, "email": "sdr@crm.example", "role": "SDR", "createdat": "2023-01-01"},
        {"id": 32, "email": "csm@crm.example", "role": "CSM", "createdat": "2023-01-01"},
    ],
    "crm/engagements": [
        {"hs_object_id": 601, "hs_engagement_type": "SMS", "hs_timestamp": "2024-02-02 11:00:00",
         "hubspot_owner_id": 32, "contact_id": 403, "hs_outcome": "SENT"},
    ],
    "marketing/form_submissions": [
        {"conversion_id": "f-1", "form_type": "trial_signup", "submitted_at": "1706778300000",
         "email": "kim.private@mail.example", "contact_id": 403, "page_url": "https://newco.example/trial"},
    ],
    "marketing/email_events": [
        {"id": "e-1", "type": "FORWARD", "recipient": "kim@newco.example",
         "created": "1706788800000", "contact_id": 403},
    ],
    "marketing/engagements": [
        {"engagement_id": "pod-1", "engagement_type": "podcast_guest", "source_system": "podcast_crm",
         "occurred_at": "2024-03-10 14:00:00", "email": "Bob@Podcast.example"},
    ],
}
