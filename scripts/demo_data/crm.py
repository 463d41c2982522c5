"""CRM tables: users, companies, contacts, contact property history, engagements,
deals and deal stage history, built per chunk of persons."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scripts import contract
from scripts.demo_data import catalog as cat
from scripts.demo_data import identity as idn
from scripts.demo_data.ids import int_array, iso_timestamps, take
from scripts.demo_data.population import (
    LVL_OPP, LVL_SQL, NONE, SRC_CALL, SRC_EVENT, SRC_FORM, SRC_GBP, SRC_IMPORT, Companies,
    Persons, occurs, office_hours,
)

USER_IDS = np.arange(len(cat.USERS), dtype=np.int64) * 7 + 71_000_001
CRM_OFFSET_SHARE = 0.08  # rows written in the portal's +01:00 time zone

QUAL_VALUES = ("confirmed", "unknown", "none", "decision_maker", "influencer",
               "0-3 months", "3-6 months", "6-12 months")
VALUES: tuple[str | None, ...] = (
    (None,) + contract.LIFECYCLE_STAGES + contract.LEAD_STATUSES + QUAL_VALUES
    + cat.NEED_TEXTS + cat.DISQUALIFICATION_REASONS + tuple(str(u) for u in USER_IDS)
)
V = {v: i for i, v in enumerate(VALUES) if v is not None}
V_NULL = 0
V_USER0 = V[str(USER_IDS[0])]
PROP = {name: i for i, name in enumerate(contract.TRACKED_PROPERTIES)}
SRC = {name: i for i, name in enumerate(contract.PROPERTY_SOURCE_TYPES)}
SOURCE_IDS = (
    "wf_new_lead", "wf_round_robin", "wf_mql_score", "wf_direct_conversation", "wf_deal_created",
    "wf_closed_won", "wf_recycle", "call_tracking", "gbp_sync",
    "import_2025-05-11", "import_2025-08-04", "import_2025-10-28", "import_2026-01-16",
    "import_2026-03-27", "import_2026-06-25", "import_2026-09-13", "import_trade_show",
) + tuple(f[0] for f in cat.FORMS)
SID = {name: i for i, name in enumerate(SOURCE_IDS)}
IMPORT_DAYS = np.array([10, 95, 180, 260, 330, 420, 500])


@dataclass
class Rows:
    """Column-wise accumulator of numpy blocks."""

    cols: dict[str, list[np.ndarray]] = field(default_factory=dict)

    def add(self, mask: np.ndarray, **columns: np.ndarray | int) -> None:
        n = int(mask.sum())
        if n == 0:
            return
        for name, value in columns.items():
            arr = value[mask] if isinstance(value, np.ndarray) and value.shape == mask.shape \
                else np.full(n, value)
            self.cols.setdefault(name, []).append(np.asarray(arr))

    def build(self) -> dict[str, np.ndarray]:
        return {k: np.concatenate(v) for k, v in self.cols.items()}


# ---------------------------------------------------------------- users & companies
def users_table() -> dict[str, pa.Array]:
    n = len(cat.USERS)
    first = [u[0] for u in cat.USERS]
    last = [u[1] for u in cat.USERS]
    created = cat.START_MS - np.arange(n, 0, -1) * 20 * cat.DAY_MS
    archived = np.zeros(n, bool)
    archived[[2, 10]] = True  # two reps left the company
    return {
        "id": int_array(USER_IDS),
        "email": pa.array([f"{cat.slug(f)}.{cat.slug(l)}@funnelcraft.io" for f, l in zip(first, last)]),
        "firstname": pa.array(first), "lastname": pa.array(last),
        "role": pa.array([u[2] for u in cat.USERS]),
        # the newest sales engineer has no team yet
        "team_name": pa.array([u[3] for u in cat.USERS], mask=np.arange(n) == 22),
        "createdat": iso_timestamps(created), "archived": pa.array(archived),
    }


def companies_table(rng: np.random.Generator, companies: Companies, lo: int,
                    hi: int) -> dict[str, pa.Array]:
    idx = np.arange(lo, hi)
    n = len(idx)
    domain = idn.company_domains(companies, idx)
    domain = pc.if_else(pa.array(rng.random(n) < 0.07), pc.utf8_capitalize(domain), domain)
    return {
        "hs_object_id": int_array(companies.ids[idx]),
        "name": idn.company_names(companies, idx),
        "domain": pc.if_else(pa.array(rng.random(n) < 0.04), pa.scalar(None, pa.string()), domain),
        "industry": take(cat.INDUSTRIES, companies.industry[idx], rng.random(n) < 0.08),
        "numberofemployees": int_array(companies.employees[idx], rng.random(n) < 0.12),
        "annualrevenue": pa.array(companies.revenue[idx], mask=rng.random(n) < 0.3),
        "country": take(cat.COUNTRIES, companies.country[idx]),
        "createdate": iso_timestamps(companies.created_at[idx], rng.random(n) < CRM_OFFSET_SHARE),
        "archived": pa.array(companies.archived[idx]),
    }


# ---------------------------------------------------------------- property history
def property_history(rng: np.random.Generator, p: Persons,
                     first_form: np.ndarray) -> dict[str, np.ndarray]:
    """All tracked property changes of the persons' contact records, in numpy codes:
    record (contact id), prop, value, ts, src, sid, user (index into USERS or -1)."""
    n = p.n
    rows = Rows()
    sdr_user = p.sdr
    ae_user = p.ae
    marketing_user = rng.choice(cat.MARKETING_USERS, n)
    manager_user = rng.choice(cat.MANAGER_USERS, n)
    rec = p.primary_id
    no_user = np.full(n, -1)
    minutes = rng.integers(1, 30, (12, n)) * cat.MINUTE_MS

    def add(mask: np.ndarray, prop: str, value: np.ndarray | int, ts: np.ndarray, src: str,
            sid: np.ndarray | int = -1, user: np.ndarray | int = -1,
            record: np.ndarray | None = None) -> None:
        mask = mask & occurs(ts)
        rows.add(mask, record=rec if record is None else record, prop=PROP[prop], value=value,
                 ts=ts, src=SRC[src], sid=sid, user=user)

    # -- creation of the primary record
    suspect = p.is_suspect
    import_sid = SID["import_2025-05-11"] + np.searchsorted(
        IMPORT_DAYS, (p.lead_at - cat.START_MS) // cat.DAY_MS, side="right") - 1
    subscriber = suspect & (rng.random(n) < 0.4)
    add(suspect, "lifecyclestage", np.where(subscriber, V["subscriber"], V["lead"]), p.lead_at,
        "IMPORT", import_sid)
    add(suspect, "hs_lead_status", V["NEW"], p.lead_at, "IMPORT", import_sid)
    form_lead = p.lead_source == SRC_FORM
    add(form_lead, "lifecyclestage", V["lead"], p.lead_at, "FORM",
        SID[cat.FORMS[0][0]] + np.maximum(first_form, 0))
    other_lead = np.isin(p.lead_source, [SRC_CALL, SRC_EVENT, SRC_GBP])
    other_sid = np.select([p.lead_source == SRC_CALL, p.lead_source == SRC_EVENT],
                          [SID["call_tracking"], SID["import_trade_show"]], SID["gbp_sync"])
    other_src = np.where(p.lead_source == SRC_EVENT, SRC["IMPORT"], SRC["API"])
    rows.add(other_lead & occurs(p.lead_at), record=rec, prop=PROP["lifecyclestage"],
             value=V["lead"], ts=p.lead_at, src=other_src, sid=other_sid, user=-1)
    add(~suspect, "hs_lead_status", V["NEW"], p.lead_at + minutes[0], "WORKFLOW", SID["wf_new_lead"])

    # -- duplicate and chain records (created by a later form, merged later)
    for rec_id, created in ((p.dup_id, p.dup_created_at), (p.chain_id, p.chain_created_at)):
        has = rec_id != NONE
        add(has, "lifecyclestage", V["lead"], created, "FORM", SID[cat.FORMS[2][0]], record=rec_id)
        add(has, "hs_lead_status", V["NEW"], created + minutes[1], "WORKFLOW", SID["wf_new_lead"],
            record=rec_id)

    # -- owner assignment
    mql_like = p.crm_mql_at != NONE
    assign_at = np.where(mql_like, np.minimum(p.crm_mql_at, np.where(p.mql_at != NONE, p.mql_at,
                                                                     p.crm_mql_at)),
                         np.where(p.mql_at != NONE, p.mql_at, p.lead_at + 4 * cat.HOUR_MS))
    lead_only_assigned = ~suspect & ~mql_like & (p.mql_at == NONE) & (rng.random(n) < 0.3)
    assigned = mql_like | (p.mql_at != NONE) | lead_only_assigned
    add(assigned, "hubspot_owner_id", V_USER0 + sdr_user, assign_at + minutes[2], "WORKFLOW",
        SID["wf_round_robin"])

    # -- marketing qualification as the CRM records it
    mql_src = np.where(p.thin_mql, SRC["CRM_UI"], SRC["WORKFLOW"])
    mql_sid = np.where(p.thin_mql, -1, np.where(p.direct_conversation, SID["wf_direct_conversation"],
                                                 SID["wf_mql_score"]))
    mql_by = np.where(p.thin_mql, marketing_user, -1)
    crm_mql = occurs(p.crm_mql_at)
    rows.add(crm_mql, record=rec, prop=PROP["lifecyclestage"], value=V["marketingqualifiedlead"],
             ts=p.crm_mql_at, src=mql_src, sid=mql_sid, user=mql_by)
    work_at = np.where(p.mql_at != NONE, p.mql_at, p.crm_mql_at)
    add(work_at != NONE, "hs_lead_status", V["ATTEMPTED_TO_CONTACT"],
        np.where(work_at != NONE, work_at + 3 * cat.HOUR_MS + minutes[3], NONE), "CRM_UI",
        user=sdr_user)

    # -- sales qualification (the SDR's BANT fields), acceptance, opportunity, customer
    _qualification(rng, add, p, p.conv_at, p.sql_no_budget, sdr_user, minutes[4])
    talked = (p.conv_at != NONE) & ~p.sql_no_conversation
    add(talked, "hs_lead_status", V["CONNECTED"], np.where(talked, p.conv_at + minutes[5], NONE),
        "CRM_UI", user=sdr_user)
    accepted_by = np.where(rng.random(n) < 0.8, sdr_user, ae_user)
    add(p.level >= LVL_SQL, "lifecyclestage", V["salesqualifiedlead"], p.sql_at, "CRM_UI",
        user=accepted_by)
    add(p.level >= LVL_SQL, "hs_lead_status", V["IN_PROGRESS"], p.sql_at + minutes[6], "CRM_UI",
        user=accepted_by)
    add(p.level >= LVL_OPP, "hubspot_owner_id", V_USER0 + ae_user,
        p.sql_at + 5 * cat.HOUR_MS + minutes[7], "CRM_UI", user=manager_user)
    add(p.level >= LVL_OPP, "lifecyclestage", V["opportunity"], p.opp_at, "WORKFLOW",
        SID["wf_deal_created"])
    add(p.level >= LVL_OPP, "hs_lead_status", V["OPEN_DEAL"], p.opp_at + minutes[8], "WORKFLOW",
        SID["wf_deal_created"])
    won = p.level == 4
    add(won, "lifecyclestage", V["customer"], p.close_at + minutes[9], "WORKFLOW", SID["wf_closed_won"])
    lost_reset = p.is_lost & (rng.random(n) < 0.5)
    add(lost_reset, "lifecyclestage", V["lead"], p.close_at + 2 * cat.DAY_MS, "CRM_UI", user=ae_user)

    # -- disqualification: status, reason and often the stage set back
    disq = p.disq_at != NONE
    status = np.where(p.disq_reason == 3, V["BAD_TIMING"], V["UNQUALIFIED"])
    add(disq, "hs_lead_status", status, p.disq_at, "CRM_UI", user=sdr_user)
    add(disq, "disqualification_reason", V["no_budget"] + np.maximum(p.disq_reason, 0),
        p.disq_at + cat.MINUTE_MS, "CRM_UI", user=sdr_user)
    set_back = disq & (p.level >= 1) & (rng.random(n) < 0.75)
    back_to = np.where(rng.random(n) < 0.8, V["lead"], V["other"])
    add(set_back, "lifecyclestage", back_to, p.disq_at + 2 * cat.MINUTE_MS, "CRM_UI", user=sdr_user)

    # -- recycling: reason cleared, status reopened, qualified again
    rec_ok = p.recycle_at != NONE
    add(rec_ok, "disqualification_reason", V_NULL, p.recycle_at, "WORKFLOW", SID["wf_recycle"])
    add(rec_ok, "hs_lead_status", V["OPEN"], p.recycle_at + minutes[10], "WORKFLOW", SID["wf_recycle"])
    add(rec_ok, "lifecyclestage", V["marketingqualifiedlead"], p.re_mql_at, "WORKFLOW",
        SID["wf_mql_score"])
    _qualification(rng, add, p, p.re_conv_at, np.zeros(n, bool), sdr_user, minutes[11])
    add(p.re_sql_at != NONE, "lifecyclestage", V["salesqualifiedlead"], p.re_sql_at, "CRM_UI",
        user=sdr_user)
    del no_user
    return rows.build()


def _qualification(rng: np.random.Generator, add, p: Persons, at: np.ndarray,  # noqa: ANN001
                   no_budget: np.ndarray, user: np.ndarray, jitter: np.ndarray) -> None:
    n = p.n
    has = at != NONE
    ts = np.where(has, at + jitter, NONE)
    budget = np.where(no_budget, np.where(rng.random(n) < 0.5, V["unknown"], V["none"]), V["confirmed"])
    authority = np.where(cat.JOB_SENIORITY[p.title] >= 2, V["decision_maker"], V["influencer"])
    timeline = V["0-3 months"] + rng.choice(3, n, p=[0.5, 0.35, 0.15])
    need = V[cat.NEED_TEXTS[0]] + rng.integers(0, len(cat.NEED_TEXTS), n)
    for offset, (prop, value) in enumerate((("qualification_budget", budget),
                                            ("qualification_authority", authority),
                                            ("qualification_need", need),
                                            ("qualification_timeline", timeline))):
        add(has, prop, value, np.where(has, ts + offset * 1000, NONE), "CRM_UI", user=user)


def current_values(hist: dict[str, np.ndarray]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Last value per (record, property): {prop: (records, value codes)}."""
    order = np.lexsort((hist["ts"], hist["prop"], hist["record"]))
    rec, prop, val = hist["record"][order], hist["prop"][order], hist["value"][order]
    last = np.r_[(rec[1:] != rec[:-1]) | (prop[1:] != prop[:-1]), True]
    out = {}
    for name, code in PROP.items():
        sel = last & (prop == code)
        out[name] = (rec[sel], val[sel])
    return out


def history_table(rng: np.random.Generator, hist: dict[str, np.ndarray]) -> dict[str, pa.Array]:
    n = len(hist["ts"])
    perm = rng.permutation(n)  # exported out of order
    hist = {k: v[perm] for k, v in hist.items()}
    return {
        "object_id": int_array(hist["record"]),
        "property_name": take(contract.TRACKED_PROPERTIES, hist["prop"]),
        "value": take(VALUES, hist["value"], hist["value"] == V_NULL),
        "timestamp": iso_timestamps(hist["ts"], rng.random(n) < CRM_OFFSET_SHARE),
        "source_type": take(contract.PROPERTY_SOURCE_TYPES, hist["src"]),
        "source_id": take(SOURCE_IDS, np.maximum(hist["sid"], 0), hist["sid"] < 0),
        "updated_by_user_id": int_array(USER_IDS[np.maximum(hist["user"], 0)], hist["user"] < 0),
    }


# ---------------------------------------------------------------- contacts
def contacts_table(rng: np.random.Generator, p: Persons, companies: Companies,
                   hist: dict[str, np.ndarray]) -> dict[str, pa.Array]:
    """Primary records, then duplicate and chain records, with current property values."""
    current = current_values(hist)
    has_dup = p.dup_id != NONE
    has_chain = p.chain_id != NONE
    who = np.r_[np.arange(p.n), np.flatnonzero(has_dup), np.flatnonzero(has_chain)]
    kind = np.r_[np.zeros(p.n, np.int8), np.ones(has_dup.sum(), np.int8),
                 np.full(has_chain.sum(), 2, np.int8)]
    ids = np.r_[p.primary_id, p.dup_id[has_dup], p.chain_id[has_chain]]
    created = np.r_[p.lead_at, p.dup_created_at[has_dup], p.chain_created_at[has_chain]]
    merged_into = np.r_[np.full(p.n, NONE),
                        np.where(has_chain, p.chain_id, p.primary_id)[has_dup],
                        p.primary_id[has_chain]]
    n = len(ids)
    sub = p.slice(0, p.n)
    email_parts = [idn.emails(sub, companies, v) for v in (idn.EMAIL_WORK, idn.EMAIL_PERSONAL,
                                                           idn.EMAIL_INITIAL)]
    email_all = pa.concat_arrays([e.take(pa.array(who)) for e in email_parts])
    pick = pa.array(kind.astype(np.int64) * p.n + who)
    email = idn.messy(rng, email_all.take(pick))

    def lookup(prop: str) -> np.ndarray:
        recs, vals = current[prop]
        pos = np.searchsorted(recs, ids)
        pos = np.minimum(pos, max(len(recs) - 1, 0))
        found = (len(recs) > 0) & (recs[pos] == ids) if len(recs) else np.zeros(n, bool)
        return np.where(found, vals[pos] if len(recs) else V_NULL, V_NULL)

    stage, status, owner = lookup("lifecyclestage"), lookup("hs_lead_status"), lookup("hubspot_owner_id")
    last_change = np.full(n, NONE)
    order = np.argsort(hist["record"], kind="stable")
    recs_sorted = hist["record"][order]
    ts_sorted = hist["ts"][order]
    starts = np.r_[0, np.flatnonzero(recs_sorted[1:] != recs_sorted[:-1]) + 1] if len(order) else []
    if len(order):
        max_ts = np.maximum.reduceat(ts_sorted, starts)
        pos = np.searchsorted(recs_sorted[starts], ids)
        pos = np.minimum(pos, len(starts) - 1)
        last_change = np.where(recs_sorted[starts][pos] == ids, max_ts[pos], NONE)
    modified = np.maximum(last_change, created) + rng.integers(0, 20, n) * cat.MINUTE_MS
    modified = np.where(kind > 0, np.maximum(modified, np.r_[np.zeros(p.n, np.int64),
                                                             p.merged_at[has_dup], p.merged_at[has_chain]]),
                        modified)
    modified = np.minimum(modified, cat.END_MS - 1)

    original_source = np.array(cat.CHANNEL_TO_ORIGINAL_SOURCE)[p.first_channel[who]]
    offline = np.isin(p.lead_source[who], [SRC_CALL, SRC_EVENT, SRC_GBP, SRC_IMPORT])
    original_source = np.where(offline & (p.lead_source[who] != SRC_CALL), "OFFLINE", original_source)
    original_source = np.where(p.lead_source[who] == SRC_CALL, "PAID_SEARCH", original_source)
    detail = np.select(
        [p.lead_source[who] == SRC_IMPORT, p.lead_source[who] == SRC_EVENT,
         p.lead_source[who] == SRC_CALL, p.lead_source[who] == SRC_GBP],
        ["IMPORT", "TRADE_SHOW", "CALL_TRACKING", "GOOGLE_BUSINESS_PROFILE"], "")
    search_detail = np.where(rng.random(n) < 0.8, "google", "bing")
    detail = np.where((detail == "") & np.isin(original_source, ["ORGANIC_SEARCH", "PAID_SEARCH"]),
                      search_detail, detail)
    detail_mask = detail == ""
    comp = p.company[who]
    has_company = comp >= 0
    comp_ids = companies.ids[np.maximum(comp, 0)]
    has_phone = p.has_phone_at_lead[who] | (p.level[who] >= LVL_SQL)
    phone = idn.phones(rng, sub).take(pa.array(who))
    deleted = p.deleted[who] & (kind == 0)
    return {
        "hs_object_id": int_array(ids),
        "email": email,
        "firstname": idn.first_names(sub).take(pa.array(who)),
        "lastname": pc.if_else(pa.array(rng.random(n) < 0.03), pa.scalar(None, pa.string()),
                               idn.last_names(sub).take(pa.array(who))),
        "phone": pc.if_else(pa.array(has_phone), phone, pa.scalar(None, pa.string())),
        "jobtitle": take(cat.JOB_TITLE_NAMES, p.title[who], rng.random(n) < 0.08),
        "company": pc.if_else(pa.array(has_company & (rng.random(n) > 0.04)),
                              idn.company_names(companies, np.maximum(comp, 0)),
                              pa.scalar(None, pa.string())),
        "associatedcompanyid": int_array(comp_ids, ~has_company | (rng.random(n) < 0.08)),
        "country": take(cat.COUNTRIES, p.country[who], rng.random(n) < 0.07),
        "hs_analytics_source": pa.array(original_source),
        "hs_analytics_source_data_1": pa.array(detail, mask=detail_mask),
        "hubspot_owner_id": int_array(USER_IDS[np.maximum(owner - V_USER0, 0)], owner == V_NULL),
        "lifecyclestage": take(VALUES, stage, stage == V_NULL),
        "hs_lead_status": take(VALUES, status, status == V_NULL),
        "createdate": iso_timestamps(created, rng.random(n) < CRM_OFFSET_SHARE),
        "lastmodifieddate": iso_timestamps(modified, rng.random(n) < CRM_OFFSET_SHARE),
        "archived": pa.array(deleted),
        "merged_into_object_id": int_array(merged_into, merged_into == NONE),
    }


# ---------------------------------------------------------------- engagements
ENG_TYPES = {name: i for i, name in enumerate(contract.ENGAGEMENT_TYPES)}
OUTCOMES = {name: i for i, name in enumerate(contract.ENGAGEMENT_OUTCOMES)}


def engagements(rng: np.random.Generator, p: Persons) -> dict[str, np.ndarray]:
    """Sales activities: SDR attempts, the qualifying conversation, AE demos, notes."""
    n = p.n
    rows = Rows()
    att_start = np.where(p.mql_at != NONE, p.mql_at, p.crm_mql_at)
    # SDR attempts (repeat each person k times)
    k = np.where(att_start != NONE, 1 + rng.poisson(1.6, n), 0)
    who = np.repeat(np.arange(n), k)
    m = len(who)
    # the first attempt follows the MQL within hours for most leads (a slow tail breaches
    # the response SLA); follow-up attempts are spread over the next four days
    first_delay = (rng.exponential(5.0, n) * cat.HOUR_MS).astype(np.int64) + cat.HOUR_MS // 6
    first_at = office_hours(rng, np.where(att_start != NONE, att_start + first_delay, NONE), 0.8)
    is_first = np.arange(m) == np.repeat(np.cumsum(k) - k, k)
    attempt_ts = first_at[who] + np.where(
        is_first, 0, (rng.random(m) * 4 * cat.DAY_MS).astype(np.int64) + cat.HOUR_MS)
    is_call = rng.random(m) < 0.65
    call_outcome = rng.choice([OUTCOMES["NO_ANSWER"], OUTCOMES["LEFT_VOICEMAIL"], OUTCOMES["BUSY"],
                               OUTCOMES["WRONG_NUMBER"]], m, p=[0.5, 0.35, 0.1, 0.05])
    sel = np.ones(m, bool)
    rows.add(sel, person=who, type=np.where(is_call, ENG_TYPES["CALL"], ENG_TYPES["EMAIL"]),
             ts=attempt_ts, user=p.sdr[who], outcome=np.where(is_call, call_outcome, OUTCOMES["SENT"]),
             direction=1, duration=np.where(is_call, rng.integers(0, 45, m), -1))

    # the qualifying conversation before sales acceptance
    for conv_at in (p.conv_at, p.re_conv_at):
        has = (conv_at != NONE) & ~p.sql_no_conversation
        meeting = rng.random(n) < 0.4
        rows.add(has, person=np.arange(n), type=np.where(meeting, ENG_TYPES["MEETING"], ENG_TYPES["CALL"]),
                 ts=conv_at, user=p.sdr,
                 outcome=np.where(meeting, OUTCOMES["COMPLETED"], OUTCOMES["CONNECTED"]),
                 direction=np.where(meeting, -1, np.where(rng.random(n) < 0.2, 0, 1)),
                 duration=np.where(meeting, rng.integers(1500, 3600, n), rng.integers(240, 1800, n)))
    # no logged conversation: a note at most
    note = (p.conv_at != NONE) & p.sql_no_conversation & (rng.random(n) < 0.6)
    rows.add(note, person=np.arange(n), type=ENG_TYPES["NOTE"], ts=p.sql_at - cat.HOUR_MS, user=p.sdr,
             outcome=OUTCOMES["LOGGED"], direction=-1, duration=-1)
    # disqualification conversations
    disq_call = (p.disq_at != NONE) & (p.level >= 1) & (rng.random(n) < 0.5)
    rows.add(disq_call, person=np.arange(n), type=ENG_TYPES["CALL"],
             ts=p.disq_at - rng.integers(1, 48, n) * cat.HOUR_MS, user=p.sdr,
             outcome=OUTCOMES["CONNECTED"], direction=1, duration=rng.integers(120, 900, n))
    # AE demo meetings, no-shows and follow-up emails on opportunities
    opp = p.opp_at != NONE
    demo_at = p.opp_at + rng.integers(1, 7, n) * cat.DAY_MS
    no_show = opp & (rng.random(n) < 0.15)
    rows.add(no_show, person=np.arange(n), type=ENG_TYPES["MEETING"], ts=demo_at - 2 * cat.DAY_MS,
             user=p.ae, outcome=OUTCOMES["NO_SHOW"], direction=-1, duration=-1)
    rows.add(opp, person=np.arange(n), type=ENG_TYPES["MEETING"], ts=demo_at, user=p.ae,
             outcome=np.where(rng.random(n) < 0.9, OUTCOMES["COMPLETED"], OUTCOMES["RESCHEDULED"]),
             direction=-1, duration=rng.integers(1800, 5400, n))
    rows.add(opp, person=np.arange(n), type=ENG_TYPES["EMAIL"], ts=demo_at + cat.DAY_MS, user=p.ae,
             outcome=np.where(rng.random(n) < 0.5, OUTCOMES["REPLIED"], OUTCOMES["SENT"]),
             direction=np.where(rng.random(n) < 0.3, 0, 1), duration=-1)
    rows.add(opp & (rng.random(n) < 0.5), person=np.arange(n), type=ENG_TYPES["NOTE"],
             ts=demo_at + 2 * cat.HOUR_MS, user=p.ae, outcome=OUTCOMES["LOGGED"], direction=-1,
             duration=-1)
    rows.add(opp & (rng.random(n) < 0.3), person=np.arange(n), type=ENG_TYPES["TASK"],
             ts=demo_at + 3 * cat.DAY_MS, user=p.ae, outcome=-1, direction=-1, duration=-1)
    out = rows.build()
    keep = occurs(out["ts"])
    return {k: v[keep] for k, v in out.items()}


def engagements_table(rng: np.random.Generator, p: Persons, companies: Companies,
                      eng: dict[str, np.ndarray], first_id: int) -> dict[str, pa.Array]:
    n = len(eng["ts"])
    perm = rng.permutation(n)
    eng = {k: v[perm] for k, v in eng.items()}
    who = eng["person"]
    logged = eng["ts"] + np.where(rng.random(n) < 0.85, rng.integers(1, 30, n) * cat.MINUTE_MS,
                                  rng.integers(1, 72, n) * cat.HOUR_MS)
    meeting = eng["type"] == ENG_TYPES["MEETING"]
    logged = np.where(meeting, eng["ts"] - rng.integers(1, 10, n) * cat.DAY_MS, logged)
    contact = np.where((p.dup_id[who] != NONE) & (rng.random(n) < 0.1), p.dup_id[who], p.primary_id[who])
    comp = p.company[who]
    direction = eng["direction"]
    return {
        "hs_object_id": int_array(first_id + np.cumsum(rng.integers(1, 9, n))),
        "hs_engagement_type": take(contract.ENGAGEMENT_TYPES, eng["type"]),
        "hs_timestamp": iso_timestamps(eng["ts"], rng.random(n) < CRM_OFFSET_SHARE),
        "hs_createdate": iso_timestamps(logged, rng.random(n) < CRM_OFFSET_SHARE,
                                        rng.random(n) < 0.02),
        "hubspot_owner_id": int_array(USER_IDS[eng["user"]]),
        "contact_id": int_array(contact),
        "company_id": int_array(companies.ids[np.maximum(comp, 0)], comp < 0),
        "hs_outcome": take(contract.ENGAGEMENT_OUTCOMES, np.maximum(eng["outcome"], 0),
                           eng["outcome"] < 0),
        "hs_direction": take(("INBOUND", "OUTBOUND"), np.maximum(direction, 0), direction < 0),
        "hs_duration_seconds": int_array(np.maximum(eng["duration"], 0), eng["duration"] < 0),
        "archived": pa.array(rng.random(n) < 0.01),
    }


# ---------------------------------------------------------------- deals
def deals_tables(rng: np.random.Generator, p: Persons, companies: Companies,
                 first_id: int) -> tuple[dict[str, pa.Array], dict[str, pa.Array]]:
    has = occurs(p.opp_at)
    who = np.flatnonzero(has)
    n = len(who)
    ids = first_id + np.cumsum(rng.integers(1, 9, n))
    won = p.level[who] == 4
    close = p.close_at[who]
    closed = occurs(close)
    comp = p.company[who]
    employees = companies.employees[np.maximum(comp, 0)]
    amount = np.round(np.clip(6000 + employees * rng.uniform(20, 60, n), 6000, 250_000), -2)
    # stage path: 5 open stages then closedwon / closedlost after a random open stage
    last_open = np.where(won, 4, rng.integers(0, 5, n))
    span = np.maximum(close - p.opp_at[who], cat.HOUR_MS)
    frac = np.sort(rng.random((n, 4)), axis=1) * 0.9
    enter = np.c_[np.zeros(n), frac] * span[:, None] + p.opp_at[who][:, None]
    enter = enter.astype(np.int64)
    skip = rng.random((n, 5)) < 0.15
    skip[:, 0] = False
    stage_rows_mask = (np.arange(5)[None, :] <= last_open[:, None]) & ~skip & (enter < cat.END_MS)
    r_deal, r_stage = np.nonzero(stage_rows_mask)
    r_ts = enter[r_deal, r_stage]
    final_stage = np.where(won, 5, 6)
    r_deal = np.r_[r_deal, np.flatnonzero(closed)]
    r_stage = np.r_[r_stage, final_stage[closed]]
    r_ts = np.r_[r_ts, close[closed]]
    r_user = np.where(rng.random(len(r_deal)) < 0.9, p.ae[who][r_deal], -1)
    # current stage = last entered
    order = np.lexsort((r_ts, r_deal))
    last = np.r_[r_deal[order][1:] != r_deal[order][:-1], True]
    current = np.empty(n, np.int64)
    current[r_deal[order][last]] = r_stage[order][last]
    lost_reason = rng.integers(0, len(cat.CLOSED_LOST_REASONS), n)
    company_names = idn.company_names(companies, np.maximum(comp, 0))
    deal_name = pc.binary_join_element_wise(
        pc.if_else(pa.array(comp >= 0), company_names, idn.full_names(p.slice(0, p.n)).take(pa.array(who))),
        pa.array(np.where(rng.random(n) < 0.9, " - new business", " - pilot")), "")
    deals = {
        "hs_object_id": int_array(ids),
        "dealname": deal_name,
        "amount": pa.array(amount, mask=rng.random(n) < 0.04),
        "pipeline": pa.array(np.where(rng.random(n) < 0.95, "new_business", "partner")),
        "dealstage": take(contract.DEAL_STAGES, current),
        "createdate": iso_timestamps(p.opp_at[who], rng.random(n) < CRM_OFFSET_SHARE),
        "closedate": iso_timestamps(close, rng.random(n) < CRM_OFFSET_SHARE, ~closed),
        "hs_is_closed_won": pa.array(won & closed),
        "closed_lost_reason": take(cat.CLOSED_LOST_REASONS, lost_reason, ~(closed & ~won)),
        "hubspot_owner_id": int_array(USER_IDS[p.ae[who]]),
        "associated_contact_id": int_array(p.primary_id[who]),
        "associated_company_id": int_array(companies.ids[np.maximum(comp, 0)], comp < 0),
        "archived": pa.array(rng.random(n) < 0.01),
    }
    m = len(r_deal)
    history = {
        "deal_id": int_array(ids[r_deal]),
        "dealstage": take(contract.DEAL_STAGES, r_stage),
        "timestamp": iso_timestamps(r_ts, rng.random(m) < CRM_OFFSET_SHARE),
        "updated_by_user_id": int_array(USER_IDS[np.maximum(r_user, 0)], r_user < 0),
    }
    return deals, history


__all__ = [
    "USER_IDS", "companies_table", "contacts_table", "deals_tables", "engagements",
    "engagements_table", "history_table", "property_history", "users_table",
]
_unused = (SRC_IMPORT,)
