"""The demo company Funnelcraft (funnelcraft.io): its website, channels, campaigns and
the vocabularies the generator draws people from.

The reference seeds in seeds/reference/ describe the same website and channels for the
warehouse; tests_py/test_generate_demo_data.py checks that every generated page path
matches exactly one content_catalog pattern and every landing utm/referrer combination
maps to the channel the generator intended.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SITE = "https://www.funnelcraft.io"
SITE_HOST = "www.funnelcraft.io"

# 18 months of history ending 2026-10-31 (end exclusive: 2026-11-01T00:00Z).
START_MS = int(np.datetime64("2025-05-01T00:00:00", "ms").astype(np.int64))
END_MS = int(np.datetime64("2026-11-01T00:00:00", "ms").astype(np.int64))
DAY_MS = 86_400_000
HOUR_MS = 3_600_000
MINUTE_MS = 60_000

# ---------------------------------------------------------------- website pages
# (path, title, journey stage). Stage codes: 0 awareness, 1 evaluation, 2 decision,
# 3 other pages (home, about, careers, legal) that every visitor may see.
_BLOG = [
    "abm-strategy", "lead-scoring-101", "mql-vs-sql", "b2b-funnel-metrics",
    "intent-data-explained", "sales-marketing-alignment", "crm-hygiene-checklist",
    "demand-gen-playbook", "attribution-models-compared", "lead-nurturing-emails",
    "what-is-revops", "pipeline-velocity", "cold-outreach-is-dead", "webinar-promotion-tips",
    "linkedin-ads-for-b2b", "content-syndication", "buyer-journey-stages", "sdr-handoff",
    "marketing-ops-stack", "gdpr-for-marketers", "landing-page-tests", "icp-workshop",
    "churn-signals", "event-marketing-roi", "forecasting-basics",
]
_GUIDES = [
    "lead-scoring-guide", "funnel-benchmarks-2026", "abm-workbook", "revops-handbook",
    "attribution-guide", "sla-template",
]
_CASES = ["northwind-bank", "globex-software", "initech", "umbrella-insurance", "hooli-cloud"]
_WEBINARS = ["scoring-masterclass", "pipeline-review-live", "abm-in-90-days", "revops-roundtable"]
_PRODUCT = ["overview", "lead-scoring", "attribution", "integrations", "routing"]
_DOCS = ["getting-started", "api", "crm-sync", "security"]
_COMPARE = ["funnelcraft-vs-hubspot", "funnelcraft-vs-marketo", "funnelcraft-vs-salesforce"]


def _title(slug: str) -> str:
    return slug.replace("-", " ").title()


def _build_pages() -> list[tuple[str, str, int]]:
    pages: list[tuple[str, str, int]] = [("/blog", "Blog | Funnelcraft", 0)]
    pages += [(f"/blog/{s}", f"{_title(s)} | Funnelcraft Blog", 0) for s in _BLOG]
    pages += [(f"/guides/{s}", f"{_title(s)} (free guide) | Funnelcraft", 1) for s in _GUIDES]
    pages += [(f"/customers/{s}", f"Case study: {_title(s)} | Funnelcraft", 1) for s in _CASES]
    pages += [(f"/webinars/{s}", f"Webinar: {_title(s)} | Funnelcraft", 1) for s in _WEBINARS]
    pages += [(f"/product/{s}", f"{_title(s)} | Funnelcraft", 1) for s in _PRODUCT]
    pages += [(f"/docs/{s}", f"Docs: {_title(s)} | Funnelcraft", 1) for s in _DOCS]
    pages += [(f"/compare/{s}", f"{_title(s)} | Funnelcraft", 2) for s in _COMPARE]
    pages += [
        ("/pricing", "Pricing | Funnelcraft", 2),
        ("/pricing/enterprise", "Enterprise pricing | Funnelcraft", 2),
        ("/demo", "Book a demo | Funnelcraft", 2),
        ("/demo/thank-you", "Thanks for booking | Funnelcraft", 2),
        ("/contact", "Contact sales | Funnelcraft", 2),
        ("/", "Funnelcraft: the lead funnel your teams agree on", 3),
        ("/about", "About us | Funnelcraft", 3),
        ("/careers", "Careers | Funnelcraft", 3),
        ("/legal/privacy", "Privacy policy | Funnelcraft", 3),
    ]
    return pages


PAGES = _build_pages()
PAGE_PATHS = [p[0] for p in PAGES]
PAGE_TITLES = [p[1] for p in PAGES]
PAGE_STAGE = np.array([p[2] for p in PAGES], dtype=np.int8)
PAGE_IS_PRICING = np.array([p[0].startswith("/pricing") for p in PAGES])
PAGE_IS_GUIDE = np.array([p[0].startswith("/guides/") for p in PAGES])
PAGE_IS_WEBINAR = np.array([p[0].startswith("/webinars/") for p in PAGES])
PAGE_IS_DEMO = np.array([p[0] == "/demo" for p in PAGES])
PAGE_IS_BLOG_ARTICLE = np.array([p[0].startswith("/blog/") for p in PAGES])
PAGE_INDEX = {path: i for i, path in enumerate(PAGE_PATHS)}

# ---------------------------------------------------------------- channels
CHANNELS = (
    "paid_search", "organic_search", "paid_social", "organic_social",
    "email", "referral", "direct", "display", "other",
)
CHANNEL_INDEX = {name: i for i, name in enumerate(CHANNELS)}
# Share of sessions per channel (anonymous visitors / known persons).
CHANNEL_WEIGHTS = np.array([0.16, 0.30, 0.08, 0.07, 0.08, 0.07, 0.18, 0.04, 0.02])
CHANNEL_WEIGHTS_KNOWN = np.array([0.12, 0.22, 0.06, 0.05, 0.22, 0.05, 0.24, 0.02, 0.02])
# hs_analytics_source of a contact whose first session came through the channel.
CHANNEL_TO_ORIGINAL_SOURCE = (
    "PAID_SEARCH", "ORGANIC_SEARCH", "PAID_SOCIAL", "SOCIAL_MEDIA",
    "EMAIL_MARKETING", "REFERRALS", "DIRECT_TRAFFIC", "OTHER_CAMPAIGNS", "OTHER_CAMPAIGNS",
)


@dataclass(frozen=True)
class Campaign:
    campaign_id: str
    name: str  # = utm_campaign on its links
    channel: str
    platform: str
    utm_source: str
    utm_medium: str
    daily_budget_eur: float  # at scale 1
    cpc_eur: float


# Paid campaigns: their ad_spend rows carry campaign_name == utm_campaign of the page views.
PAID_CAMPAIGNS = (
    Campaign("g-1001", "brand_search_eu", "paid_search", "google_ads", "google", "cpc", 60.0, 1.2),
    Campaign("g-1002", "generic_lead_scoring", "paid_search", "google_ads", "google", "cpc", 140.0, 4.5),
    Campaign("g-1003", "competitor_terms", "paid_search", "google_ads", "google", "cpc", 90.0, 6.0),
    Campaign("b-2001", "bing_generic_funnel", "paid_search", "bing_ads", "bing", "cpc", 25.0, 3.0),
    Campaign("li-3001", "li_abm_directors", "paid_social", "linkedin_ads", "linkedin", "paid_social", 120.0, 8.0),
    Campaign("li-3002", "li_webinar_promo", "paid_social", "linkedin_ads", "linkedin", "paid_social", 70.0, 6.5),
    Campaign("fb-4001", "meta_retargeting", "paid_social", "meta_ads", "facebook", "paid_social", 35.0, 1.5),
    Campaign("dn-5001", "display_retargeting", "display", "display_network", "display_network", "display", 40.0, 0.8),
)
PAID_BY_CHANNEL = {
    ch: [i for i, c in enumerate(PAID_CAMPAIGNS) if c.channel == ch]
    for ch in ("paid_search", "paid_social", "display")
}
PAID_SEARCH_TERMS = ("lead scoring software", "funnelcraft", "mql definition tool",
                     "b2b attribution", "hubspot alternative", None)

EMAIL_CAMPAIGNS = (
    (9001, "newsletter_monthly"),
    (9002, "nurture_scoring_series"),
    (9003, "webinar_invite"),
    (9004, "product_update"),
    (9005, "case_study_digest"),
    (9006, "reengagement_recycled"),
)
OTHER_SOURCES = (("partner_newsletter", "partner"), ("capterra_listing", "affiliate"))

SEARCH_REFERRERS = ("https://www.google.com/", "https://www.google.de/", "https://www.bing.com/",
                    "https://duckduckgo.com/", "https://www.ecosia.org/")
SOCIAL_REFERRERS = ("https://www.linkedin.com/", "https://t.co/x7Yz", "https://www.facebook.com/",
                    "https://www.reddit.com/r/revops/")
REFERRAL_REFERRERS = ("https://www.g2.com/products/funnelcraft/reviews",
                      "https://www.capterra.com/p/funnelcraft/", "https://partner.salesloop.io/blog/tools",
                      "https://medium.com/@revops/stack-2026")
WEBMAIL_REFERRERS = ("https://mail.google.com/", "https://outlook.office.com/")

USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (X11; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Edg/128.0",
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Mobile Safari/537.36",
)

# ---------------------------------------------------------------- people
FIRST_NAMES = (
    "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo", "Ines", "Jonas",
    "Katrin", "Lukas", "Marie", "Noah", "Olivia", "Paul", "Quentin", "Rosa", "Sven", "Tara",
    "Ulrich", "Vera", "Willem", "Xenia", "Yusuf", "Zoe", "Amelie", "Bastien", "Chloe", "Daan",
    "Elif", "Finn", "Hannah", "Liam", "Mia", "Oscar", "Priya", "Sofia", "Tom", "Lea",
)
LAST_NAMES = (
    "Schmidt", "Martin", "Smith", "de Vries", "Johnson", "Müller", "Dubois", "Jansen", "Brown",
    "Weber", "Bernard", "Bakker", "Taylor", "Fischer", "Moreau", "Visser", "Wilson", "Wagner",
    "Laurent", "Meyer", "Evans", "Becker", "Lefebvre", "Hoffmann", "Garcia", "Rossi", "Nowak",
    "Andersson", "O'Brien", "Patel", "Kowalski", "Novak", "Silva", "Jensen", "Kim", "Nguyen",
)
# (title, seniority 0 junior/non-buyer .. 3 executive)
JOB_TITLES = (
    ("CEO", 3), ("CMO", 3), ("Chief Revenue Officer", 3), ("COO", 3),
    ("VP Marketing", 3), ("VP Sales", 3), ("Vice President Revenue Operations", 3),
    ("Head of Marketing", 2), ("Head of Sales Ops", 2), ("Head of Growth", 2),
    ("Director of Demand Generation", 2), ("Marketing Director", 2), ("Sales Director", 2),
    ("Marketing Manager", 1), ("Sales Operations Manager", 1), ("Demand Gen Manager", 1),
    ("CRM Manager", 1), ("Marketing Ops Lead", 1),
    ("Marketing Specialist", 0), ("Content Writer", 0), ("Business Analyst", 0),
    ("Sales Development Rep", 0), ("Consultant", 0), ("Student", 0), ("Intern", 0),
)
JOB_TITLE_NAMES = tuple(t for t, _ in JOB_TITLES)
JOB_SENIORITY = np.array([s for _, s in JOB_TITLES], dtype=np.int8)
TITLE_WEIGHTS = np.array([
    1, 1, 1, 0.5, 2, 2, 1, 3, 2.5, 2, 2.5, 2.5, 2, 5, 4, 4, 3, 3, 6, 3, 4, 3, 3, 2.5, 1.5,
], dtype=float)
STUDENT_TITLES = np.array([t in ("Student", "Intern") for t in JOB_TITLE_NAMES])

INDUSTRIES = (
    "SOFTWARE", "FINANCIAL_SERVICES", "INFORMATION_TECHNOLOGY_AND_SERVICES",
    "MARKETING_AND_ADVERTISING", "COMPUTER_SOFTWARE", "INSURANCE",
    "RETAIL", "EDUCATION_MANAGEMENT", "HOSPITAL_HEALTH_CARE", "CONSTRUCTION",
    "NON_PROFIT_ORGANIZATION_MANAGEMENT", "GOVERNMENT_ADMINISTRATION",
)
INDUSTRY_IS_ICP = np.array([True] * 6 + [False] * 6)
INDUSTRY_WEIGHTS = np.array([14, 8, 10, 7, 5, 4, 8, 5, 5, 4, 3, 3], dtype=float)

COUNTRIES = ("DE", "FR", "GB", "NL", "US", "AT", "CH", "SE", "DK", "BE", "ES", "IT", "PL",
             "IN", "BR", "AU", "NG", "PH")
COUNTRY_IS_ICP = np.array([True] * 5 + [True] * 4 + [False] * 9)
COUNTRY_WEIGHTS = np.array([18, 9, 12, 8, 16, 3, 3, 2, 2, 3, 4, 3, 3, 5, 3, 2, 2, 2], dtype=float)
COUNTRY_PHONE_PREFIX = ("+49", "+33", "+44", "+31", "+1", "+43", "+41", "+46", "+45", "+32",
                        "+34", "+39", "+48", "+91", "+55", "+61", "+234", "+63")

COMPANY_PREFIX = ("North", "Blue", "Bright", "Iron", "Silver", "Green", "Quantum", "Atlas",
                  "Nova", "Polar", "Swift", "Cedar", "Summit", "Harbor", "Pixel", "Vertex",
                  "Lumen", "Orbit", "Crest", "Delta")
COMPANY_CORE = ("wind", "stone", "leaf", "bridge", "works", "labs", "data", "soft", "metrics",
                "cloud", "logic", "point", "scale", "flow", "forge", "path", "wave", "line")
COMPANY_SUFFIX = (" GmbH", " SAS", " Ltd", " B.V.", " Inc.", " AG", "", " AB", " ApS", " SA")
COMPANY_TLD = (".de", ".fr", ".co.uk", ".nl", ".com", ".at", ".ch", ".se", ".dk", ".be",
               ".es", ".it", ".pl", ".in", ".com.br", ".com.au", ".ng", ".ph")
PERSONAL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "gmx.de", "hotmail.fr")

DISQUALIFICATION_REASONS = (
    "no_budget", "no_need", "not_decision_maker", "bad_timing", "competitor",
    "wrong_geo", "student_or_job_seeker", "unresponsive",
)
CLOSED_LOST_REASONS = ("price", "chose_competitor", "no_decision", "timing", "missing_feature",
                       "budget_cut")
NEED_TEXTS = (
    "align MQL definition between marketing and sales",
    "replace spreadsheet lead scoring",
    "multi-touch attribution for paid campaigns",
    "route inbound leads to SDRs within the hour",
    "single funnel report for the board",
    "clean up CRM lifecycle stages",
)

# ---------------------------------------------------------------- CRM users
# (first, last, role, team). Ids are assigned in population.make_users.
USERS = (
    ("Sarah", "Kline", "SDR", "SDR DACH"), ("Tim", "Roth", "SDR", "SDR DACH"),
    ("Julia", "Brandt", "SDR", "SDR DACH"), ("Marc", "Petit", "SDR", "SDR France"),
    ("Lena", "Vogel", "SDR", "SDR France"), ("Oliver", "Hughes", "SDR", "SDR UK & Benelux"),
    ("Eva", "de Boer", "SDR", "SDR UK & Benelux"), ("Ryan", "Cole", "SDR", "SDR North America"),
    ("Nina", "Hart", "BDR", "Outbound"), ("Kai", "Lund", "BDR", "Outbound"),
    ("Sam", "Ortiz", "BDR", "Outbound"), ("Ada", "Frei", "BDR", "Outbound"),
    ("Max", "Kaiser", "AE", "Mid-market"), ("Claire", "Roux", "AE", "Mid-market"),
    ("James", "Reid", "AE", "Mid-market"), ("Pia", "Engel", "AE", "Mid-market"),
    ("Lucas", "Blanc", "AE", "Enterprise"), ("Grace", "Moore", "AE", "Enterprise"),
    ("Henrik", "Dahl", "AE", "Enterprise"), ("Maya", "Stein", "AE", "Enterprise"),
    ("Rob", "Young", "SE", "Solutions"), ("Ivy", "Chen", "SE", "Solutions"),
    ("Dirk", "Haas", "SE", "Solutions"),
    ("Laura", "Fink", "MARKETING", "Demand generation"), ("Emil", "Berg", "MARKETING", "Marketing ops"),
    ("Sophie", "Lang", "MARKETING", "Content"), ("Noor", "Amini", "MARKETING", "Events"),
    ("Frank", "Weiss", "MANAGER", "Sales leadership"), ("Alice", "Bauer", "MANAGER", "Sales leadership"),
    ("Victor", "Morel", "MANAGER", "Marketing leadership"),
)
USER_ROLE = np.array([u[2] for u in USERS])
SDR_USERS = np.flatnonzero(np.isin(USER_ROLE, ["SDR", "BDR"]))
AE_USERS = np.flatnonzero(USER_ROLE == "AE")
MARKETING_USERS = np.flatnonzero(USER_ROLE == "MARKETING")
MANAGER_USERS = np.flatnonzero(USER_ROLE == "MANAGER")

# ---------------------------------------------------------------- forms
# (form_guid, form_name, form_type, page path)
FORMS = (
    ("5a1f0c2e-0001-4c6e-9f00-000000000001", "Contact us", "contact_us", "/contact"),
    ("5a1f0c2e-0002-4c6e-9f00-000000000002", "Book a demo", "demo_request", "/demo"),
    ("5a1f0c2e-0003-4c6e-9f00-000000000003", "Newsletter signup", "newsletter", "/blog"),
) + tuple(
    (f"5a1f0c2e-01{i:02d}-4c6e-9f00-0000000001{i:02d}", f"Guide download: {_title(s)}",
     "content_download", f"/guides/{s}")
    for i, s in enumerate(_GUIDES)
) + tuple(
    (f"5a1f0c2e-02{i:02d}-4c6e-9f00-0000000002{i:02d}", f"Webinar registration: {_title(s)}",
     "webinar_registration", f"/webinars/{s}")
    for i, s in enumerate(_WEBINARS)
)
FORM_TYPE = np.array([f[2] for f in FORMS])
FORMS_OF_TYPE = {t: np.flatnonzero(FORM_TYPE == t) for t in set(FORM_TYPE)}
WEBINAR_NAMES = tuple(f"webinar_{s.replace('-', '_')}" for s in _WEBINARS)
TRADE_SHOWS = ("dmexco_2025", "saastr_europa_2026", "b2b_marketing_expo_2026", "revops_summit_2025")


def slug(text: str) -> str:
    """Lower-case ASCII form of a name for email local parts."""
    for src, dst in (("ü", "ue"), ("ö", "oe"), ("ä", "ae"), ("é", "e"), (" ", ""), ("'", "")):
        text = text.replace(src, dst)
    return text.lower()


FIRST_SLUGS = tuple(slug(n) for n in FIRST_NAMES)
LAST_SLUGS = tuple(slug(n) for n in LAST_NAMES)
FIRST_INITIALS = tuple(s[0] for s in FIRST_SLUGS)


# ---------------------------------------------------------------- landing sources
# (channel, utm_source, utm_medium, utm_campaign, referrer) of a session's first page.
def _landings() -> tuple[tuple[str, str | None, str | None, str | None, str | None], ...]:
    paid_referrer = {"google": SEARCH_REFERRERS[0], "bing": SEARCH_REFERRERS[2],
                     "linkedin": SOCIAL_REFERRERS[0], "facebook": SOCIAL_REFERRERS[2],
                     "display_network": "https://googleads.g.doubleclick.net/"}
    out: list[tuple[str, str | None, str | None, str | None, str | None]] = [
        (c.channel, c.utm_source, c.utm_medium, c.name, paid_referrer[c.utm_source])
        for c in PAID_CAMPAIGNS
    ]
    out += [("email", "hubspot", "email", name, None) for _, name in EMAIL_CAMPAIGNS]
    out += [("email", "hubspot", "email", EMAIL_CAMPAIGNS[0][1], WEBMAIL_REFERRERS[0]),
            ("email", None, None, None, WEBMAIL_REFERRERS[1])]
    out += [("other", src, med, f"{src}_2026", None) for src, med in OTHER_SOURCES]
    out += [("organic_search", None, None, None, r) for r in SEARCH_REFERRERS]
    out += [("organic_social", None, None, None, r) for r in SOCIAL_REFERRERS]
    out += [("organic_social", "linkedin", "social", "founder_posts", SOCIAL_REFERRERS[0])]
    out += [("referral", None, None, None, r) for r in REFERRAL_REFERRERS]
    out += [("direct", None, None, None, None)]
    return tuple(out)


LANDINGS = _landings()
LANDING_CHANNEL = np.array([CHANNEL_INDEX[x[0]] for x in LANDINGS])
LANDINGS_OF_CHANNEL = [np.flatnonzero(LANDING_CHANNEL == c) for c in range(len(CHANNELS))]
UTM_CONTENT = {"paid_social": ("carousel_a", "video_b", "lead_gen_form"),
               "email": ("cta_button", "header_link")}
