"""Segment tables (pages, tracks, identifies): sessions of known persons' devices and of
anonymous visitors, exploded into page views. Late arrivals and unsorted rows included."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scripts.demo_data import catalog as cat
from scripts.demo_data import identity as idn
from scripts.demo_data.crm import Rows
from scripts.demo_data.ids import anonymous_ids, concat, take, utc_timestamps, uuid_strings
from scripts.demo_data.marketing import RECORD_CHAIN, RECORD_DUP, record_emails
from scripts.demo_data.population import NONE, SRC_FORM, Companies, Persons, office_hours

# journey-stage mix per visitor profile: awareness, evaluation, decision, other pages
PROFILE_ANON, PROFILE_LEAD, PROFILE_MQL, PROFILE_THIN = range(4)
PROFILE_STAGE_P = np.array([
    [0.60, 0.16, 0.05, 0.19],
    [0.50, 0.30, 0.07, 0.13],
    [0.24, 0.38, 0.30, 0.08],
    [0.72, 0.08, 0.00, 0.20],
])
PROFILE_CUM = np.cumsum(PROFILE_STAGE_P, axis=1)
PAGES_PER_SESSION = np.array([1.1, 1.0, 2.6, 0.3])  # mean extra pages after the landing page
_RANDOM_POOL = [np.array([i for i, pth in enumerate(cat.PAGE_PATHS)
                          if cat.PAGE_STAGE[i] == s and pth != "/demo/thank-you"])
                for s in range(4)]
PRICING = cat.PAGE_INDEX["/pricing"]
DEMO = cat.PAGE_INDEX["/demo"]
THANK_YOU = cat.PAGE_INDEX["/demo/thank-you"]
ROW_KEY = 1 << 24  # row-index space of one chunk in id derivation

EVENTS = ("pricing_viewed", "form_submitted", "asset_downloaded", "webinar_registered",
          "demo_requested")
EVENT_TEXTS = ("Pricing Viewed", "Form Submitted", "Asset Downloaded", "Webinar Registered",
               "Demo Requested")
FORM_TYPE_EVENT = {"content_download": 2, "webinar_registration": 3, "demo_request": 4}


# ---------------------------------------------------------------- sessions -> pages
def _choose_pages(rng: np.random.Generator, profile: np.ndarray) -> np.ndarray:
    u = rng.random(len(profile))
    stage = (u[:, None] > PROFILE_CUM[profile]).sum(axis=1).clip(0, 3)
    r = rng.integers(0, 1 << 30, len(profile))
    page = np.empty(len(profile), np.int64)
    for s, pool in enumerate(_RANDOM_POOL):
        sel = stage == s
        page[sel] = pool[r[sel] % len(pool)]
    pricing_boost = (stage == 2) & (rng.random(len(profile)) < 0.4)
    page[pricing_boost] = PRICING
    return page


def sessions_to_pages(rng: np.random.Generator, s: dict[str, np.ndarray], seed: int,
                      chunk_key: int) -> tuple[dict[str, pa.Array], dict[str, np.ndarray]]:
    """Explode sessions into page-view columns. Session keys: visitor, start, landing,
    profile, form_page, form_ts, ident_ts, user_record, term, content."""
    n_s = len(s["start"])
    extra = rng.poisson(PAGES_PER_SESSION[s["profile"]])
    thanks = s["form_page"] == DEMO  # a booked demo ends on the thank-you page
    npg = 1 + np.minimum(extra, 25) + (s["form_page"] >= 0) + thanks
    sid = np.repeat(np.arange(n_s), npg)
    first_row = np.cumsum(npg) - npg
    pos = np.arange(len(sid)) - first_row[sid]
    last = pos == npg[sid] - 1
    page = _choose_pages(rng, s["profile"][sid])
    form_row = (pos == npg[sid] - 1 - thanks[sid]) & (s["form_page"][sid] >= 0)
    page[form_row] = s["form_page"][sid][form_row]
    thanks_row = last & thanks[sid]
    page[thanks_row] = THANK_YOU
    gap = (rng.exponential(55_000, len(sid)) + 3_000).astype(np.int64)
    gap[pos == 0] = 0
    offset = np.cumsum(gap)
    offset -= offset[first_row][sid]
    duration = offset[first_row + npg - 1]
    start = np.where(s["form_ts"] != NONE, s["form_ts"] - duration - rng.integers(20_000, 90_000, n_s),
                     s["start"])
    ts = start[sid] + offset
    ts[thanks_row] = s["form_ts"][sid][thanks_row] + rng.integers(1_000, 4_000, thanks_row.sum())
    identified = (s["ident_ts"][sid] != NONE) & (ts >= s["ident_ts"][sid])
    n = len(sid)
    prev_page = np.where(pos > 0, page[np.maximum(np.arange(n) - 1, 0)], 0)
    # a warehouse export is not sorted: rows leave in random order
    perm = rng.permutation(n)
    sid, pos, page, ts, identified, prev_page = (
        a[perm] for a in (sid, pos, page, ts, identified, prev_page))
    landing = pos == 0
    land = s["landing"][sid]

    def landing_only(values: list[str | None]) -> pa.Array:
        idx = np.array([i if v is not None else -1 for i, v in enumerate(values)])[land]
        return take([v or "" for v in values], np.maximum(idx, 0), ~landing | (idx < 0))

    utm_source = landing_only([x[1] for x in cat.LANDINGS])
    utm_medium = landing_only([x[2] for x in cat.LANDINGS])
    utm_campaign = landing_only([x[3] for x in cat.LANDINGS])
    external_ref = landing_only([x[4] for x in cat.LANDINGS])
    term = take(cat.PAID_SEARCH_TERMS[:-1], np.maximum(s["term"][sid], 0),
                ~landing | (s["term"][sid] < 0))
    content_vocab = cat.UTM_CONTENT["paid_social"] + cat.UTM_CONTENT["email"]
    content = take(content_vocab, np.maximum(s["content"][sid], 0), ~landing | (s["content"][sid] < 0))
    path = take(cat.PAGE_PATHS, page)
    query = concat("?utm_source=", utm_source, "&utm_medium=", utm_medium, "&utm_campaign=",
                   utm_campaign)
    query = pc.if_else(pc.is_null(query), "", query)
    term_q = pc.if_else(pc.is_null(term), "", concat("&utm_term=", pc.utf8_replace_slice(
        term, 0, 0, "")))
    url = concat(cat.SITE, path, query, term_q)
    internal_ref = concat(cat.SITE, take(cat.PAGE_PATHS, prev_page))
    referrer = pc.if_else(pa.array(landing), external_ref, internal_ref)
    visitor = s["visitor"][sid]
    late = rng.random(n) < 0.015
    lag = np.where(late, rng.integers(2 * cat.HOUR_MS, 5 * cat.DAY_MS, n),
                   rng.integers(80, 4_000, n))
    user = pc.cast(pa.array(s["user_record"][sid], mask=~identified), pa.string())
    ua = (visitor * 2654435761) % len(cat.USER_AGENTS)
    pages = {
        "id": uuid_strings(chunk_key * ROW_KEY + np.arange(n), salt=21, seed=seed),
        "anonymous_id": anonymous_ids(visitor, seed),
        "user_id": user,
        "timestamp": utc_timestamps(ts),
        "received_at": utc_timestamps(ts + lag),
        "url": url,
        "path": path,
        "title": take(cat.PAGE_TITLES, page, rng.random(n) < 0.01),
        "referrer": referrer,
        "context_campaign_source": utm_source,
        "context_campaign_medium": utm_medium,
        "context_campaign_name": utm_campaign,
        "context_campaign_content": content,
        "context_campaign_term": term,
        "context_user_agent": take(cat.USER_AGENTS, ua, rng.random(n) < 0.005),
    }
    views = {"visitor": visitor, "ts": ts, "page": page, "user_record": s["user_record"][sid],
             "identified": identified}
    return pages, views


def _landing_for(rng: np.random.Generator, channel: np.ndarray) -> dict[str, np.ndarray]:
    n = len(channel)
    r = rng.integers(0, 1 << 30, n)
    landing = np.empty(n, np.int64)
    for c, pool in enumerate(cat.LANDINGS_OF_CHANNEL):
        sel = channel == c
        landing[sel] = pool[r[sel] % len(pool)]
    is_paid_search = channel == cat.CHANNEL_INDEX["paid_search"]
    term = np.where(is_paid_search, rng.integers(0, len(cat.PAID_SEARCH_TERMS), n), -1)
    term = np.where(term == len(cat.PAID_SEARCH_TERMS) - 1, -1, term)
    content = np.select([channel == cat.CHANNEL_INDEX["paid_social"], channel == cat.CHANNEL_INDEX["email"]],
                        [rng.integers(0, 3, n), 3 + rng.integers(0, 2, n)], -1)
    content = np.where(rng.random(n) < 0.2, -1, content)
    return {"landing": landing, "term": term, "content": content}


# ---------------------------------------------------------------- known persons
def person_sessions(rng: np.random.Generator, p: Persons,
                    forms: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Sessions of every device of the persons in the chunk, and the identify events."""
    n = p.n
    known = ~p.is_suspect
    # device start times and identification
    dev_person = np.repeat(np.arange(n), p.n_devices)
    dev_k = np.arange(len(dev_person)) - np.repeat(np.cumsum(p.n_devices) - p.n_devices, p.n_devices)
    dev_global = p.device_base[dev_person] + dev_k
    nd = len(dev_person)
    dev_start = np.where(dev_k == 0, p.first_seen_at[dev_person],
                         p.lead_at[dev_person] + rng.integers(0, 90, nd) * cat.DAY_MS)
    form_dev = p.device_base[forms["person"]] - p.device_base[0] + forms["device"]  # local device row
    # identify events: each form, plus email-link clicks on devices without a form
    first_form_ts = np.full(nd, np.iinfo(np.int64).max)
    np.minimum.at(first_form_ts, form_dev, forms["ts"])
    has_form = first_form_ts != np.iinfo(np.int64).max
    dev_start = np.where(has_form, np.minimum(dev_start, first_form_ts - cat.HOUR_MS), dev_start)
    click_ident = ~has_form & (rng.random(nd) < 0.45)
    click_ts = np.maximum(dev_start, p.lead_at[dev_person]) + rng.integers(1, 60, nd) * cat.DAY_MS
    click_ident &= click_ts < cat.END_MS
    ident_ts = np.where(has_form, first_form_ts, np.where(click_ident, click_ts, NONE))
    record_id = np.stack([p.primary_id, p.dup_id, p.chain_id])
    form_record_id = record_id[forms["record"], forms["person"]]
    # the record named by the device's first identify (dup devices keep the merged-away id)
    first_of_dev = np.lexsort((forms["ts"], form_dev))
    is_first = np.r_[True, form_dev[first_of_dev][1:] != form_dev[first_of_dev][:-1]] \
        if len(first_of_dev) else np.zeros(0, bool)
    dev_user = p.primary_id[dev_person].copy()
    dev_user[form_dev[first_of_dev][is_first]] = form_record_id[first_of_dev][is_first]
    identifies = {
        "visitor": np.r_[p.device_base[forms["person"]] + forms["device"], dev_global[click_ident]],
        "ts": np.r_[forms["ts"] + 400, ident_ts[click_ident]],
        "person": np.r_[forms["person"], dev_person[click_ident]],
        "record": np.r_[forms["record"], np.zeros(click_ident.sum(), np.int64)],
        "user_record": np.r_[form_record_id, p.primary_id[dev_person][click_ident]],
    }

    # sessions per person: before the lead (anonymous, device 0) and after
    level = p.level
    profile = np.select([level >= 1, p.thin_mql], [PROFILE_MQL, PROFILE_THIN], PROFILE_LEAD)
    n_after = np.select([~known, level >= 2, level == 1, p.thin_mql],
                        [0, 8 + rng.poisson(9, n), 5 + rng.poisson(7, n), rng.poisson(1.0, n)],
                        1 + rng.poisson(3.5, n))
    n_before = np.where(known, rng.poisson(1.5, n) + (p.lead_source == SRC_FORM), 0)
    last_activity = np.max(np.stack([p.lead_at, p.mql_at, p.sql_at, p.opp_at, p.close_at,
                                     p.re_mql_at, p.re_sql_at]), axis=0) + 45 * cat.DAY_MS
    last_activity = np.where(level == 0, p.lead_at + 120 * cat.DAY_MS, last_activity)
    rows = Rows()
    who = np.repeat(np.arange(n), n_before)
    m = len(who)
    rows.add(np.ones(m, bool), person=who, device=0, profile=PROFILE_LEAD,
             start=p.first_seen_at[who] + (rng.random(m) * np.maximum(
                 p.lead_at[who] - p.first_seen_at[who], 1)).astype(np.int64),
             first=np.r_[True, who[1:] != who[:-1]] if m else np.zeros(0, bool))
    who = np.repeat(np.arange(n), n_after)
    m = len(who)
    mql_ref = np.where(p.mql_at != NONE, p.mql_at, p.lead_at)[who]
    dense = (p.mql_at[who] != NONE) & (rng.random(m) < 0.7)
    span = np.where(dense, mql_ref - p.lead_at[who], last_activity[who] - p.lead_at[who])
    start = office_hours(rng, p.lead_at[who] + (rng.beta(1.3, 1.0, m) * np.maximum(
        span, cat.HOUR_MS)).astype(np.int64), 0.5)
    device = np.where(rng.random(m) < 0.6, 0, rng.integers(0, 8, m) % p.n_devices[who])
    rows.add(np.ones(m, bool), person=who, device=device, profile=profile[who], start=start,
             first=np.zeros(m, bool))
    sess = rows.build() if rows.cols else {k: np.zeros(0, np.int64) for k in
                                          ("person", "device", "profile", "start", "first")}
    local_dev = p.device_base[sess["person"]] - p.device_base[0] + sess["device"]
    too_early = sess["start"] < dev_start[local_dev]
    sess["device"] = np.where(too_early, 0, sess["device"])
    local_dev = p.device_base[sess["person"]] - p.device_base[0] + sess["device"]
    channel = rng.choice(len(cat.CHANNELS), len(sess["start"]), p=cat.CHANNEL_WEIGHTS_KNOWN)
    channel = np.where(sess["first"], p.first_channel[sess["person"]], channel)
    form_sess = {
        "person": forms["person"], "device": forms["device"],
        "profile": profile[forms["person"]], "start": forms["ts"],
        "first": np.zeros(len(forms["ts"]), bool),
    }
    form_local = form_dev
    all_person = np.r_[sess["person"], form_sess["person"]]
    all_local = np.r_[local_dev, form_local]
    all_channel = np.r_[channel, rng.choice(len(cat.CHANNELS), len(form_local),
                                            p=cat.CHANNEL_WEIGHTS_KNOWN)]
    sessions = {
        "visitor": dev_global[all_local] if nd else np.zeros(0, np.int64),
        "start": np.r_[sess["start"], form_sess["start"]],
        "profile": np.r_[sess["profile"], form_sess["profile"]],
        "form_page": np.r_[np.full(len(local_dev), -1),
                           np.array([cat.PAGE_INDEX[f[3]] for f in cat.FORMS])[forms["form"]]],
        "form_ts": np.r_[np.full(len(local_dev), NONE), forms["ts"]],
        "ident_ts": ident_ts[all_local] if nd else np.zeros(0, np.int64),
        "user_record": dev_user[all_local] if nd else np.zeros(0, np.int64),
        "person": all_person,
        **_landing_for(rng, all_channel),
    }
    keep = (sessions["start"] < cat.END_MS - cat.HOUR_MS) & (sessions["start"] >= cat.START_MS)
    return {k: v[keep] for k, v in sessions.items()}, identifies


def anonymous_sessions(rng: np.random.Generator, first_visitor: int, count: int) -> dict[str, np.ndarray]:
    visits = 1 + rng.geometric(0.45, count) - 1 + (rng.random(count) < 0.5)
    visitor = np.repeat(np.arange(first_visitor, first_visitor + count), visits)
    m = len(visitor)
    first_seen = rng.integers(cat.START_MS, cat.END_MS - cat.DAY_MS, count)
    start = office_hours(rng, first_seen[visitor - first_visitor]
                         + (rng.exponential(12, m) * cat.DAY_MS).astype(np.int64), 0.4)
    channel = rng.choice(len(cat.CHANNELS), m, p=cat.CHANNEL_WEIGHTS)
    s = {
        "visitor": visitor, "start": start, "profile": np.full(m, PROFILE_ANON),
        "form_page": np.full(m, -1), "form_ts": np.full(m, NONE), "ident_ts": np.full(m, NONE),
        "user_record": np.zeros(m, np.int64), **_landing_for(rng, channel),
    }
    keep = s["start"] < cat.END_MS - cat.HOUR_MS
    return {k: v[keep] for k, v in s.items()}


# ---------------------------------------------------------------- tracks & identifies
def tracks_table(rng: np.random.Generator, views: dict[str, np.ndarray],
                 forms: dict[str, np.ndarray] | None, p: Persons | None, seed: int,
                 chunk_key: int) -> dict[str, pa.Array]:
    pricing = cat.PAGE_IS_PRICING[views["page"]] & (rng.random(len(views["page"])) < 0.7)
    visitor = views["visitor"][pricing]
    ts = views["ts"][pricing] + rng.integers(500, 5_000, pricing.sum())
    page = views["page"][pricing]
    event = np.zeros(pricing.sum(), np.int64)
    user = np.where(views["identified"][pricing], views["user_record"][pricing], NONE)
    if forms is not None and p is not None and len(forms["ts"]):
        fvis = p.device_base[forms["person"]] + forms["device"]
        fpage = np.array([cat.PAGE_INDEX[f[3]] for f in cat.FORMS])[forms["form"]]
        ftype = np.array([FORM_TYPE_EVENT.get(f[2], -1) for f in cat.FORMS])[forms["form"]]
        # the identify is sent with the submission: the events already carry the user id
        record_id = np.stack([p.primary_id, p.dup_id, p.chain_id])
        fuser = record_id[forms["record"], forms["person"]]
        specific = ftype >= 0
        visitor = np.r_[visitor, fvis, fvis[specific]]
        ts = np.r_[ts, forms["ts"] + 200, forms["ts"][specific] + 300]
        page = np.r_[page, fpage, fpage[specific]]
        event = np.r_[event, np.ones(len(fvis), np.int64), ftype[specific]]
        user = np.r_[user, fuser, fuser[specific]]
    n = len(ts)
    perm = rng.permutation(n)
    visitor, ts, page, event, user = (a[perm] for a in (visitor, ts, page, event, user))
    late = rng.random(n) < 0.015
    lag = np.where(late, rng.integers(2 * cat.HOUR_MS, 4 * cat.DAY_MS, n), rng.integers(80, 3_000, n))
    path = take(cat.PAGE_PATHS, page)
    return {
        "id": uuid_strings(chunk_key * ROW_KEY + np.arange(n), salt=22, seed=seed),
        "anonymous_id": anonymous_ids(visitor, seed),
        "user_id": pc.cast(pa.array(user, mask=user == NONE), pa.string()),
        "event": take(EVENTS, event),
        "event_text": take(EVENT_TEXTS, event),
        "timestamp": utc_timestamps(ts),
        "received_at": utc_timestamps(ts + lag),
        "context_page_path": path,
        "context_page_url": concat(cat.SITE, path),
    }


def identifies_table(rng: np.random.Generator, p: Persons, companies: Companies,
                     ident: dict[str, np.ndarray], seed: int, chunk_key: int) -> dict[str, pa.Array]:
    n = len(ident["ts"])
    perm = rng.permutation(n)
    ident = {k: v[perm] for k, v in ident.items()}
    emails = record_emails(p, companies).take(pa.array(ident["record"] * p.n + ident["person"]))
    late = rng.random(n) < 0.02
    lag = np.where(late, rng.integers(2 * cat.HOUR_MS, 3 * cat.DAY_MS, n), rng.integers(80, 2_000, n))
    no_user = rng.random(n) < 0.03
    return {
        "id": uuid_strings(chunk_key * ROW_KEY + np.arange(n), salt=23, seed=seed),
        "anonymous_id": anonymous_ids(ident["visitor"], seed),
        "user_id": pc.cast(pa.array(ident["user_record"], mask=no_user), pa.string()),
        "email": idn.messy(rng, emails, 0.2),
        "timestamp": utc_timestamps(ident["ts"]),
        "received_at": utc_timestamps(ident["ts"] + lag),
    }


_unused = (RECORD_DUP, RECORD_CHAIN)
