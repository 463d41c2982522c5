"""Marketing tables: form submissions, email events, marketing engagements (webinars,
trade-show scans, call tracking, Google Business Profile) and daily ad spend."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scripts.demo_data import catalog as cat
from scripts.demo_data import identity as idn
from scripts.demo_data.crm import Rows
from scripts.demo_data.ids import anonymous_ids, concat, int_array, iso_dates, iso_timestamps, take, uuid_strings
from scripts.demo_data.population import (
    LVL_SQL, NONE, SRC_CALL, SRC_EVENT, SRC_FORM, SRC_GBP, Companies, Persons, occurs, office_hours,
)

FORM_GUIDS = tuple(f[0] for f in cat.FORMS)
FORM_NAMES = tuple(f[1] for f in cat.FORMS)
FORM_TYPES = tuple(f[2] for f in cat.FORMS)
FORM_PATHS = tuple(f[3] for f in cat.FORMS)
FORM_PAGE = np.array([cat.PAGE_INDEX[f[3]] for f in cat.FORMS])
RECORD_PRIMARY, RECORD_DUP, RECORD_CHAIN = range(3)


def _forms(*types: str) -> np.ndarray:
    return np.concatenate([cat.FORMS_OF_TYPE[t] for t in types])


def form_events(rng: np.random.Generator, p: Persons) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Every form a person submits: person, device, ts, form, record variant.
    Returns the events and each person's lead-creating form (-1 when none)."""
    n = p.n
    rows = Rows()
    everyone = np.arange(n)
    first_form = np.where(p.lead_source == SRC_FORM,
                          rng.choice(_forms("content_download", "newsletter",
                                            "webinar_registration", "contact_us"), n), -1)
    rows.add(first_form >= 0, person=everyone, device=0, ts=p.lead_at, form=first_form,
             record=RECORD_PRIMARY)
    # nurturing: MQL-bound leads download guides and register for webinars before they qualify
    mql_bound = (p.mql_at != NONE) & ~p.direct_conversation
    k = np.where(mql_bound, 1 + rng.poisson(1.3, n), 0)
    who = np.repeat(everyone, k)
    m = len(who)
    span = np.maximum(p.mql_at[who] - p.lead_at[who], cat.HOUR_MS)
    rows.add(np.ones(m, bool), person=who, device=rng.integers(0, 8, m) % p.n_devices[who],
             ts=p.lead_at[who] + (rng.random(m) * span).astype(np.int64),
             form=rng.choice(_forms("content_download", "content_download", "webinar_registration"), m),
             record=RECORD_PRIMARY)
    hand_raiser = mql_bound & (rng.random(n) < 0.4)
    rows.add(hand_raiser, person=everyone, device=0, ts=p.mql_at - rng.integers(2, 20, n) * cat.MINUTE_MS,
             form=cat.FORMS_OF_TYPE["demo_request"][0], record=RECORD_PRIMARY)
    # plain leads sometimes come back for another asset or the newsletter
    again = (p.level == 0) & ~p.is_suspect & ~p.thin_mql & (rng.random(n) < 0.3)
    rows.add(again, person=everyone, device=rng.integers(0, 8, n) % np.maximum(p.n_devices, 1),
             ts=p.lead_at + rng.integers(1, 90, n) * cat.DAY_MS,
             form=rng.choice(_forms("content_download", "newsletter", "webinar_registration"), n),
             record=RECORD_PRIMARY)
    # recycled leads re-engage with a download before they qualify again
    recycled = p.recycle_at != NONE
    rows.add(recycled, person=everyone, device=0, ts=p.recycle_at,
             form=rng.choice(_forms("content_download", "webinar_registration"), n), record=RECORD_PRIMARY)
    # duplicate records are born from a form filled in with another email on another device
    rows.add(p.dup_id != NONE, person=everyone, device=1, ts=p.dup_created_at,
             form=rng.choice(_forms("content_download", "newsletter"), n), record=RECORD_DUP)
    rows.add(p.chain_id != NONE, person=everyone, device=np.maximum(p.n_devices - 1, 1),
             ts=p.chain_created_at, form=rng.choice(_forms("webinar_registration", "contact_us"), n),
             record=RECORD_CHAIN)
    events = rows.build()
    keep = occurs(events["ts"])
    return {k: v[keep] for k, v in events.items()}, first_form


def record_emails(p: Persons, companies: Companies) -> pa.Array:
    """Clean emails of all record variants, indexed by record * p.n + person."""
    return pa.concat_arrays([idn.emails(p, companies, v) for v in
                             (idn.EMAIL_WORK, idn.EMAIL_PERSONAL, idn.EMAIL_INITIAL)])


def form_submissions_table(rng: np.random.Generator, p: Persons, companies: Companies,
                           forms: dict[str, np.ndarray], seed: int,
                           chunk_key: int) -> dict[str, pa.Array]:
    who = forms["person"]
    n = len(who)
    f = forms["form"]
    emails = record_emails(p, companies).take(pa.array(forms["record"] * p.n + who))
    sub = p.slice(0, p.n)
    phone_asked = np.isin(np.array(FORM_TYPES)[f], ["demo_request", "contact_us"])
    comp = p.company[who]
    return {
        "conversion_id": uuid_strings(chunk_key * 10_000_000 + np.arange(n), salt=11),
        "form_guid": take(FORM_GUIDS, f),
        "form_name": take(FORM_NAMES, f),
        "form_type": take(FORM_TYPES, f),
        "submitted_at": int_array(forms["ts"]),
        "page_url": concat(cat.SITE, take(FORM_PATHS, f)),
        "page_title": take(cat.PAGE_TITLES, FORM_PAGE[f]),
        "email": idn.messy(rng, emails),
        "firstname": idn.first_names(sub).take(pa.array(who)),
        "lastname": idn.last_names(sub).take(pa.array(who)),
        "phone": pc.if_else(pa.array(phone_asked & (rng.random(n) < 0.8)),
                            idn.phones(rng, sub).take(pa.array(who)), pa.scalar(None, pa.string())),
        "company": pc.if_else(pa.array(comp >= 0), idn.company_names(companies, np.maximum(comp, 0)),
                              pa.scalar(None, pa.string())),
        "jobtitle": take(cat.JOB_TITLE_NAMES, p.title[who], rng.random(n) < 0.15),
        "country": take(cat.COUNTRIES, p.country[who], rng.random(n) < 0.1),
        "hutk": pc.if_else(pa.array(rng.random(n) < 0.04), pa.scalar(None, pa.string()),
                           anonymous_ids(p.device_base[who] + forms["device"], seed)),
    }


# ---------------------------------------------------------------- email events
EMAIL_CAMPAIGN_WEIGHTS = np.array([0.4, 0.25, 0.15, 0.1, 0.1, 0.0])
EV_SENT, EV_DELIVERED, EV_OPEN, EV_CLICK, EV_BOUNCE, EV_UNSUB = range(6)
EMAIL_TYPES = ("SENT", "DELIVERED", "OPEN", "CLICK", "BOUNCE", "UNSUBSCRIBE")
CLICK_PAGES = np.array([cat.PAGE_INDEX[x] for x in (
    "/blog/lead-scoring-101", "/blog/mql-vs-sql", "/guides/lead-scoring-guide",
    "/guides/funnel-benchmarks-2026", "/webinars/scoring-masterclass", "/customers/northwind-bank",
    "/pricing", "/demo", "/product/lead-scoring")])


def email_events(rng: np.random.Generator, p: Persons) -> dict[str, np.ndarray]:
    n = p.n
    months = np.maximum(cat.END_MS - p.lead_at, 0) / (30 * cat.DAY_MS)
    rate = np.select([p.is_suspect, p.level >= 1], [0.3, 0.8], 0.55)
    k = np.minimum(rng.poisson(rate * months), 30)
    who = np.repeat(np.arange(n), k)
    m = len(who)
    sent = p.lead_at[who] + cat.DAY_MS + (rng.random(m) * (cat.END_MS - p.lead_at[who] - cat.DAY_MS)
                                          ).astype(np.int64)
    sent = office_hours(rng, sent, 0.95)
    campaign = rng.choice(len(cat.EMAIL_CAMPAIGNS), m, p=EMAIL_CAMPAIGN_WEIGHTS)
    recycled_send = (p.recycle_at[who] != NONE) & (rng.random(m) < 0.3)
    campaign = np.where(recycled_send, 5, campaign)
    sent = np.where(recycled_send, p.recycle_at[who] - rng.integers(1, 10, m) * cat.DAY_MS, sent)
    bounce = rng.random(m) < np.where(p.is_suspect[who], 0.12, 0.03)
    before_mql = (p.mql_at[who] != NONE) & (sent < p.mql_at[who])
    p_open = np.select([p.is_suspect[who], p.thin_mql[who], p.level[who] >= 1], [0.0, 0.08, 0.5], 0.22)
    p_open = np.where(before_mql, 0.6, p_open)
    opened = ~bounce & (rng.random(m) < p_open)
    clicked = opened & (rng.random(m) < np.where(p.level[who] >= 1, 0.4, 0.15))
    unsub = opened & ~clicked & (rng.random(m) < 0.02)
    open_at = sent + (rng.exponential(6, m) * cat.HOUR_MS).astype(np.int64) + cat.MINUTE_MS
    click_at = open_at + rng.integers(5, 600, m) * 1000
    rows = Rows()
    base = dict(person=who, campaign=campaign)
    rows.add(np.ones(m, bool), type=EV_SENT, ts=sent, page=-1, bounce=-1, **base)
    rows.add(~bounce, type=EV_DELIVERED, ts=sent + rng.integers(1, 90, m) * 1000, page=-1, bounce=-1, **base)
    rows.add(bounce, type=EV_BOUNCE, ts=sent + rng.integers(1, 90, m) * 1000, page=-1,
             bounce=(rng.random(m) < 0.35).astype(np.int64), **base)
    rows.add(opened, type=EV_OPEN, ts=open_at, page=-1, bounce=-1, **base)
    rows.add(clicked, type=EV_CLICK, ts=click_at, page=rng.choice(CLICK_PAGES, m), bounce=-1, **base)
    rows.add(unsub, type=EV_UNSUB, ts=click_at, page=-1, bounce=-1, **base)
    out = rows.build() if rows.cols else {}
    if not out:
        return {}
    keep = occurs(out["ts"])
    return {k: v[keep] for k, v in out.items()}


def email_events_table(rng: np.random.Generator, p: Persons, companies: Companies,
                       ev: dict[str, np.ndarray], chunk_key: int) -> dict[str, pa.Array]:
    perm = rng.permutation(len(ev["person"]))
    ev = {k: v[perm] for k, v in ev.items()}
    who = ev["person"]
    n = len(who)
    emails = idn.emails(p, companies, idn.EMAIL_WORK).take(pa.array(who))
    names = tuple(c[1] for c in cat.EMAIL_CAMPAIGNS)
    ids = np.array([c[0] for c in cat.EMAIL_CAMPAIGNS])
    page = np.maximum(ev["page"], 0)
    url = concat(cat.SITE, take(cat.PAGE_PATHS, page),
                 "?utm_source=hubspot&utm_medium=email&utm_campaign=", take(names, ev["campaign"]))
    is_click = ev["type"] == EV_CLICK
    return {
        "id": uuid_strings(chunk_key * 100_000_000 + np.arange(n), salt=12),
        "type": take(EMAIL_TYPES, ev["type"]),
        "recipient": idn.messy(rng, emails, 0.08),
        "created": int_array(ev["ts"]),
        "email_campaign_id": int_array(ids[ev["campaign"]]),
        "campaign_name": take(names, ev["campaign"]),
        "url": pc.if_else(pa.array(is_click), url, pa.scalar(None, pa.string())),
        "bounce_category": take(("SOFT_BOUNCE", "HARD_BOUNCE"), np.maximum(ev["bounce"], 0),
                                ev["bounce"] < 0),
    }


# ---------------------------------------------------------------- marketing engagements
ENG_TYPES = ("webinar_attended", "trade_show_scan", "paid_search_call", "google_business_contact")
SOURCE_SYSTEMS = ("webinar_platform", "badge_scanner", "call_tracking", "google_business_profile")
PREFIX = ("wbn_", "scan_", "ctm_", "gbp_")


def marketing_engagements_table(rng: np.random.Generator, p: Persons, companies: Companies,
                                forms: dict[str, np.ndarray], chunk_key: int) -> dict[str, pa.Array]:
    n = p.n
    rows = Rows()
    everyone = np.arange(n)
    paid_search = np.array(cat.PAID_BY_CHANNEL["paid_search"])
    show = ((p.lead_at - cat.START_MS) * len(cat.TRADE_SHOWS) // (cat.END_MS - cat.START_MS))
    # lead-creating direct conversations
    for source, etype in ((SRC_EVENT, 1), (SRC_CALL, 2), (SRC_GBP, 3)):
        mask = (p.lead_source == source) & occurs(p.lead_at)
        campaign = np.where(source == SRC_EVENT, len(cat.PAID_CAMPAIGNS) + show,
                            np.where(source == SRC_CALL, paid_search[p.campaign % len(paid_search)], -1))
        rows.add(mask, person=everyone, etype=etype, ts=p.lead_at, campaign=campaign,
                 qualified=p.direct_conversation.astype(np.int64),
                 duration=np.where(source == SRC_EVENT, -1, rng.integers(60, 1500, n)), known=1)
    # webinar attendance after registration
    webinar_forms = np.isin(forms["form"], cat.FORMS_OF_TYPE["webinar_registration"])
    attend = webinar_forms & (rng.random(len(webinar_forms)) < 0.55)
    webinar_idx = forms["form"] - cat.FORMS_OF_TYPE["webinar_registration"][0]
    rows.add(attend, person=forms["person"], etype=0,
             ts=forms["ts"] + rng.integers(1, 10, len(webinar_forms)) * cat.DAY_MS,
             campaign=len(cat.PAID_CAMPAIGNS) + len(cat.TRADE_SHOWS) + webinar_idx, qualified=0,
             duration=rng.integers(300, 3600, len(webinar_forms)), known=1)
    # existing leads scanned again at a later show, and calls from people not in the CRM
    rescan = ~p.is_suspect & (rng.random(n) < 0.03)
    later = p.lead_at + rng.integers(20, 200, n) * cat.DAY_MS
    later_show = ((later - cat.START_MS) * len(cat.TRADE_SHOWS) // (cat.END_MS - cat.START_MS))
    rows.add(rescan, person=everyone, etype=1, ts=later,
             campaign=len(cat.PAID_CAMPAIGNS) + np.clip(later_show, 0, len(cat.TRADE_SHOWS) - 1),
             qualified=0, duration=-1, known=1)
    stranger = rng.random(n) < 0.02
    stranger[rng.integers(0, n)] = True
    rows.add(stranger, person=everyone, etype=2,
             ts=rng.integers(cat.START_MS, cat.END_MS, n), campaign=paid_search[0], qualified=0,
             duration=rng.integers(20, 300, n), known=0)
    ev = rows.build()
    keep = occurs(ev["ts"])
    ev = {k: v[keep] for k, v in ev.items()}
    m = len(ev["ts"])
    who = ev["person"]
    etype = ev["etype"]
    sub = p.slice(0, p.n)
    known = ev["known"] == 1
    email = idn.messy(rng, idn.emails(sub, companies, idn.EMAIL_WORK).take(pa.array(who)))
    no_email = ~known | ((etype == 2) & (rng.random(m) < 0.4)) | ((etype == 3) & (rng.random(m) < 0.5))
    has_phone = (etype == 2) | ((etype != 0) & (rng.random(m) < 0.3))
    comp = p.company[who]
    campaigns = tuple(c.name for c in cat.PAID_CAMPAIGNS) + cat.TRADE_SHOWS + cat.WEBINAR_NAMES
    prefix = take(PREFIX, etype)
    number = pc.cast(pa.array(chunk_key * 10_000_000 + np.arange(m) * 7 + 100_003), pa.string())
    return {
        "engagement_id": concat(prefix, number),
        "engagement_type": take(ENG_TYPES, etype),
        "source_system": take(SOURCE_SYSTEMS, etype, rng.random(m) < 0.02),
        "occurred_at": iso_timestamps(ev["ts"]),
        "email": pc.if_else(pa.array(no_email), pa.scalar(None, pa.string()), email),
        "phone": pc.if_else(pa.array(has_phone), idn.phones(rng, sub).take(pa.array(who)),
                            pa.scalar(None, pa.string())),
        "full_name": pc.if_else(pa.array(known | (rng.random(m) < 0.5)),
                                idn.full_names(sub).take(pa.array(who)), pa.scalar(None, pa.string())),
        "company": pc.if_else(pa.array(known & (comp >= 0)),
                              idn.company_names(companies, np.maximum(comp, 0)),
                              pa.scalar(None, pa.string())),
        "campaign_name": take(campaigns, np.maximum(ev["campaign"], 0), ev["campaign"] < 0),
        "duration_seconds": int_array(np.maximum(ev["duration"], 0), ev["duration"] < 0),
        "is_qualified_conversation": pa.array(ev["qualified"] == 1),
    }


# ---------------------------------------------------------------- ad spend
def ad_spend_table(rng: np.random.Generator, scale: float) -> dict[str, pa.Array]:
    days = np.arange(cat.START_MS, cat.END_MS, cat.DAY_MS)
    nc = len(cat.PAID_CAMPAIGNS)
    day = np.tile(days, nc)
    camp = np.repeat(np.arange(nc), len(days))
    flight_start = rng.integers(0, 120, nc)
    flight_start[0] = 0
    flight_len = rng.integers(200, len(days) + 1, nc)
    flight_len[0] = len(days)
    offset = (day - cat.START_MS) // cat.DAY_MS
    active = (offset >= flight_start[camp]) & (offset < flight_start[camp] + flight_len[camp])
    day, camp = day[active], camp[active]
    m = len(day)
    weekday = ((day // cat.DAY_MS) + 3) % 7  # 0 = Monday
    budget = np.array([c.daily_budget_eur for c in cat.PAID_CAMPAIGNS])[camp]
    cpc = np.array([c.cpc_eur for c in cat.PAID_CAMPAIGNS])[camp]
    spend = np.round(budget * max(scale, 0.01) * np.where(weekday >= 5, 0.45, 1.0)
                     * rng.lognormal(0, 0.2, m), 2)
    clicks = rng.poisson(spend / cpc)
    impressions = clicks * rng.integers(25, 140, m) + rng.poisson(30, m)
    return {
        "date": iso_dates(day),
        "platform": take([c.platform for c in cat.PAID_CAMPAIGNS], camp),
        "campaign_id": take([c.campaign_id for c in cat.PAID_CAMPAIGNS], camp),
        "campaign_name": take([c.name for c in cat.PAID_CAMPAIGNS], camp),
        "utm_source": take([c.utm_source for c in cat.PAID_CAMPAIGNS], camp),
        "utm_medium": take([c.utm_medium for c in cat.PAID_CAMPAIGNS], camp),
        "impressions": int_array(impressions, rng.random(m) < 0.005),
        "clicks": int_array(clicks),
        "spend": pa.array(spend),
    }


_unused = (LVL_SQL,)
