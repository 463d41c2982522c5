"""Who exists and what happens to them: users, companies, persons with their lifecycle
timeline (lead -> MQL -> SQL -> opportunity -> customer / lost / disqualified / recycled),
their contact records (duplicates merged into survivors, merge chains, deletions) and
the defects sales and marketing ops leave in the CRM.

Everything here is person-level numpy arrays drawn once from one seeded generator;
tables are produced per chunk of persons by crm.py, marketing.py and web.py.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from scripts.demo_data import catalog as cat
from scripts.demo_data.ids import rng_for

NONE = np.int64(-1)  # missing timestamp / index

# lead sources
SRC_FORM, SRC_CALL, SRC_EVENT, SRC_GBP, SRC_IMPORT = range(5)
# levels reached (before truncation at END_MS)
LVL_LEAD, LVL_MQL, LVL_SQL, LVL_OPP, LVL_WON = range(5)


@dataclass(frozen=True)
class Sizes:
    persons: int
    anonymous_visitors: int
    companies: int

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        return cls(
            persons=max(60, round(19_000 * scale)),
            anonymous_visitors=max(100, round(60_000 * scale)),
            companies=max(25, round(7_000 * scale)),
        )


@dataclass
class Companies:
    n: int
    ids: np.ndarray
    prefix: np.ndarray
    core: np.ndarray
    suffix: np.ndarray
    industry: np.ndarray
    employees: np.ndarray
    revenue: np.ndarray
    country: np.ndarray
    created_at: np.ndarray
    archived: np.ndarray
    domain_number: np.ndarray  # disambiguates domains once name combinations run out


@dataclass
class Persons:
    """One row per real person. Times are epoch ms, NONE when it does not happen."""

    n: int
    company: np.ndarray
    first: np.ndarray
    last: np.ndarray
    title: np.ndarray
    country: np.ndarray
    personal_email: np.ndarray
    email_number: np.ndarray
    email_rank: np.ndarray  # >0 when a namesake at the same company came first
    fit: np.ndarray
    is_suspect: np.ndarray
    lead_source: np.ndarray
    first_channel: np.ndarray
    level: np.ndarray
    is_lost: np.ndarray
    direct_conversation: np.ndarray
    has_phone_at_lead: np.ndarray
    first_seen_at: np.ndarray
    lead_at: np.ndarray
    mql_at: np.ndarray
    conv_at: np.ndarray
    sql_at: np.ndarray
    opp_at: np.ndarray
    close_at: np.ndarray
    disq_at: np.ndarray
    disq_reason: np.ndarray
    recycle_at: np.ndarray
    re_mql_at: np.ndarray
    re_conv_at: np.ndarray
    re_sql_at: np.ndarray
    sdr: np.ndarray
    ae: np.ndarray
    # the CRM's version of events, including the defects
    crm_mql_at: np.ndarray
    thin_mql: np.ndarray
    skip_mql: np.ndarray
    sql_before_mql: np.ndarray
    sql_no_conversation: np.ndarray
    sql_no_budget: np.ndarray
    deleted: np.ndarray
    n_devices: np.ndarray
    device_base: np.ndarray  # global visitor index of the person's first device
    campaign: np.ndarray  # paid campaign / event / webinar index used at lead creation
    # contact records
    primary_id: np.ndarray
    dup_id: np.ndarray  # second record, merged into primary (chain: merged into chain_id)
    dup_created_at: np.ndarray
    chain_id: np.ndarray  # middle record of a chain A->B->C: dup -> chain -> primary
    chain_created_at: np.ndarray
    merged_at: np.ndarray

    def slice(self, lo: int, hi: int) -> Persons:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        out = {k: (v[lo:hi] if isinstance(v, np.ndarray) else v) for k, v in values.items()}
        out["n"] = hi - lo
        return Persons(**out)


def _pick(rng: np.random.Generator, candidates: np.ndarray, share: float,
          minimum: int = 2) -> np.ndarray:
    """A boolean mask choosing round(share * count) of the candidates (at least
    `minimum`, when there are that many), so every defect occurs at every scale."""
    idx = np.flatnonzero(candidates)
    k = min(len(idx), max(minimum, round(share * len(idx))))
    chosen = np.zeros(len(candidates), dtype=bool)
    if k:
        chosen[rng.choice(idx, size=k, replace=False)] = True
    return chosen


def _days(rng: np.random.Generator, shape: float, scale_days: float, n: int) -> np.ndarray:
    return (rng.gamma(shape, scale_days, n) * cat.DAY_MS).astype(np.int64)


def office_hours(rng: np.random.Generator, ts: np.ndarray, share: float = 0.9) -> np.ndarray:
    """Move `share` of the events that fall outside office hours (07:00-18:00 UTC on a
    weekday) forward to the next weekday morning. Forward only, so a sequence built
    step by step from moved times keeps its order; NONE stays NONE."""
    n = len(ts)
    day = np.floor_divide(ts, cat.DAY_MS)
    tod = ts - day * cat.DAY_MS
    weekday = (day + 3) % 7  # 0 = Monday
    outside = (tod < 7 * cat.HOUR_MS) | (tod >= 18 * cat.HOUR_MS) | (weekday >= 5)
    move = outside & (ts != NONE) & (rng.random(n) < share)
    next_day = day + (tod >= 7 * cat.HOUR_MS)  # tonight -> tomorrow, early morning -> today
    next_weekday = (next_day + 3) % 7
    next_day = next_day + np.where(next_weekday >= 5, 7 - next_weekday, 0)
    moved = next_day * cat.DAY_MS + 7 * cat.HOUR_MS + rng.integers(0, 4 * cat.HOUR_MS, n)
    return np.where(move, np.maximum(moved, ts), ts)


def make_companies(seed: int, n: int) -> Companies:
    rng = rng_for(seed, 1, 0)
    country = rng.choice(len(cat.COUNTRIES), n, p=cat.COUNTRY_WEIGHTS / cat.COUNTRY_WEIGHTS.sum())
    combos = len(cat.COMPANY_PREFIX) * len(cat.COMPANY_CORE)
    order = rng.permutation(n)
    employees = np.clip(np.round(rng.lognormal(np.log(180), 1.5, n)), 2, 60_000).astype(np.int64)
    revenue = np.round(employees * rng.lognormal(np.log(120_000), 0.5, n), -3)
    return Companies(
        n=n,
        ids=np.cumsum(rng.integers(3, 40, n)).astype(np.int64) + 8_000_000,
        prefix=order % len(cat.COMPANY_PREFIX),
        core=(order // len(cat.COMPANY_PREFIX)) % len(cat.COMPANY_CORE),
        suffix=rng.integers(0, len(cat.COMPANY_SUFFIX), n),
        industry=rng.choice(len(cat.INDUSTRIES), n, p=cat.INDUSTRY_WEIGHTS / cat.INDUSTRY_WEIGHTS.sum()),
        employees=employees,
        revenue=revenue,
        country=country,
        created_at=cat.START_MS - rng.integers(0, 900, n) * cat.DAY_MS
        + rng.integers(0, cat.DAY_MS, n),
        archived=rng.random(n) < 0.01,
        domain_number=order // combos,
    )


def _fit(companies: Companies, company: np.ndarray, title: np.ndarray,
         country: np.ndarray) -> np.ndarray:
    has_company = company >= 0
    comp = np.where(has_company, company, 0)
    size_ok = has_company & (companies.employees[comp] >= 50) & (companies.employees[comp] <= 5000)
    industry_ok = has_company & cat.INDUSTRY_IS_ICP[companies.industry[comp]]
    return (size_ok.astype(np.int8) + industry_ok + cat.COUNTRY_IS_ICP[country]
            + (cat.JOB_SENIORITY[title] >= 2))


def make_persons(seed: int, sizes: Sizes, companies: Companies) -> Persons:
    rng = rng_for(seed, 2, 0)
    n = sizes.persons
    company = rng.integers(0, companies.n, n)
    personal = rng.random(n) < 0.1
    company = np.where(personal & (rng.random(n) < 0.6), -1, company)
    title = rng.choice(len(cat.JOB_TITLES), n, p=cat.TITLE_WEIGHTS / cat.TITLE_WEIGHTS.sum())
    country = np.where(company >= 0, companies.country[np.maximum(company, 0)],
                       rng.choice(len(cat.COUNTRIES), n,
                                  p=cat.COUNTRY_WEIGHTS / cat.COUNTRY_WEIGHTS.sum()))
    fit = _fit(companies, company, title, country)

    is_suspect = rng.random(n) < 0.14
    lead_source = rng.choice(4, n, p=[0.78, 0.07, 0.11, 0.04])
    lead_source = np.where(is_suspect, SRC_IMPORT, lead_source)
    first_channel = rng.choice(len(cat.CHANNELS), n, p=cat.CHANNEL_WEIGHTS_KNOWN)

    # -- lead creation and the path through the funnel
    import_days = np.array([10, 95, 180, 260, 330, 420, 500])
    lead_at = np.where(
        is_suspect,
        cat.START_MS + rng.choice(import_days, n) * cat.DAY_MS + rng.integers(0, 3 * cat.HOUR_MS, n)
        + 8 * cat.HOUR_MS,
        rng.integers(cat.START_MS + 20 * cat.DAY_MS, cat.END_MS - 2 * cat.DAY_MS, n),
    )
    lead_at = office_hours(rng, lead_at, 0.6)
    first_seen_at = np.maximum(lead_at - _days(rng, 1.2, 20, n), cat.START_MS)
    lead = ~is_suspect
    direct = lead & np.isin(lead_source, [SRC_CALL, SRC_EVENT, SRC_GBP]) & (
        rng.random(n) < np.select([lead_source == SRC_CALL, lead_source == SRC_EVENT], [0.6, 0.35], 0.3))
    students = cat.STUDENT_TITLES[title]
    p_mql = np.clip(0.07 + 0.075 * fit, 0, 1) * np.where(students, 0.4, 1.0)
    reach_mql = lead & ((rng.random(n) < p_mql) | direct)
    reach_sql = reach_mql & (rng.random(n) < 0.18 + 0.12 * fit) & ~students
    reach_opp = reach_sql & (rng.random(n) < 0.7)
    won = reach_opp & (rng.random(n) < 0.22 + 0.05 * fit)
    level = (reach_mql.astype(np.int8) + reach_sql + reach_opp + won)
    is_lost = reach_opp & ~won

    mql_at = np.where(direct, lead_at + rng.integers(5, 90, n) * cat.MINUTE_MS,
                      lead_at + _days(rng, 1.5, 8, n))
    conv_at = office_hours(rng, mql_at + _days(rng, 2.0, 1.5, n) + cat.HOUR_MS)
    sql_at = office_hours(rng, conv_at + rng.integers(cat.HOUR_MS // 2, 30 * cat.HOUR_MS, n))
    opp_at = office_hours(rng, sql_at + _days(rng, 2.0, 5, n))
    close_at = office_hours(rng, opp_at + _days(rng, 3.0, 15, n))
    mql_at = np.where(reach_mql, mql_at, NONE)
    conv_at = np.where(reach_sql, conv_at, NONE)
    sql_at = np.where(reach_sql, sql_at, NONE)
    opp_at = np.where(reach_opp, opp_at, NONE)
    close_at = np.where(reach_opp, close_at, NONE)

    # -- disqualification and recycling
    disq_lead = lead & ~reach_mql & (rng.random(n) < 0.08)
    disq_mql = reach_mql & ~reach_sql & (rng.random(n) < 0.6)
    disq_sql = reach_sql & ~reach_opp & (rng.random(n) < 0.7)
    disq_at_raw = np.select(
        [disq_lead, disq_mql, disq_sql],
        [lead_at + _days(rng, 2, 10, n), mql_at + _days(rng, 2, 5, n), sql_at + _days(rng, 2, 7, n)],
        NONE,
    )
    disq_at = office_hours(rng, disq_at_raw)
    disq = disq_at != NONE
    reason_p = np.array([0.17, 0.17, 0.13, 0.17, 0.1, 0.06, 0.06, 0.14])
    disq_reason = rng.choice(len(cat.DISQUALIFICATION_REASONS), n, p=reason_p)
    reason = np.array(cat.DISQUALIFICATION_REASONS)
    disq_reason = np.where(students, np.flatnonzero(reason == "student_or_job_seeker")[0], disq_reason)
    disq_reason = np.where(~cat.COUNTRY_IS_ICP[country] & (rng.random(n) < 0.7),
                           np.flatnonzero(reason == "wrong_geo")[0], disq_reason)
    disq_reason = np.where(disq, disq_reason, NONE)
    recyclable = disq & np.isin(disq_reason, [0, 3, 7])  # no_budget, bad_timing, unresponsive
    recycled = _pick(rng, recyclable, 0.3)
    recycle_at = np.where(recycled, disq_at + rng.integers(45, 200, n) * cat.DAY_MS, NONE)
    re_mql_at = np.where(recycled, recycle_at + _days(rng, 2, 3, n), NONE)
    re_sql = recycled & (rng.random(n) < 0.4)
    re_conv_at = np.where(re_sql, office_hours(rng, re_mql_at + _days(rng, 2, 2, n) + cat.HOUR_MS), NONE)
    re_sql_at = np.where(re_sql, re_conv_at + rng.integers(cat.HOUR_MS, 20 * cat.HOUR_MS, n), NONE)

    # -- the CRM's own record of MQL and the defects that break the written definitions
    thin_mql = _pick(rng, lead & ~reach_mql & ~disq_lead, 0.05)
    skip_mql = _pick(rng, reach_sql & ~direct, 0.06)
    sql_before_mql = _pick(rng, reach_sql & ~skip_mql & ~direct, 0.05)
    sql_no_conversation = _pick(rng, reach_sql & ~sql_before_mql, 0.06)
    sql_no_budget = _pick(rng, reach_sql & ~sql_no_conversation, 0.07)
    crm_mql_at = np.select(
        [skip_mql, sql_before_mql, reach_mql, thin_mql],
        [NONE, sql_at + rng.integers(2, 48, n) * cat.HOUR_MS,
         mql_at + rng.integers(1, 30, n) * cat.MINUTE_MS, lead_at + _days(rng, 1.5, 6, n)],
        NONE,
    )

    n_devices = 1 + (rng.random(n) < 0.35) + (rng.random(n) < 0.1)
    n_devices = np.where(is_suspect, 0, n_devices)

    persons = Persons(
        n=n, company=company, first=rng.integers(0, len(cat.FIRST_NAMES), n),
        last=rng.integers(0, len(cat.LAST_NAMES), n), title=title, country=country,
        personal_email=personal | (company < 0), email_number=rng.integers(1, 999, n),
        email_rank=np.zeros(n, np.int64), fit=fit,
        is_suspect=is_suspect, lead_source=lead_source, first_channel=first_channel,
        level=level, is_lost=is_lost, direct_conversation=direct,
        has_phone_at_lead=(lead_source == SRC_CALL) | (rng.random(n) < 0.4),
        first_seen_at=first_seen_at, lead_at=lead_at, mql_at=mql_at, conv_at=conv_at,
        sql_at=sql_at, opp_at=opp_at, close_at=close_at, disq_at=disq_at, disq_reason=disq_reason,
        recycle_at=recycle_at, re_mql_at=re_mql_at, re_conv_at=re_conv_at, re_sql_at=re_sql_at,
        sdr=rng.choice(cat.SDR_USERS, n), ae=rng.choice(cat.AE_USERS, n),
        crm_mql_at=crm_mql_at, thin_mql=thin_mql, skip_mql=skip_mql,
        sql_before_mql=sql_before_mql, sql_no_conversation=sql_no_conversation,
        sql_no_budget=sql_no_budget, deleted=_pick(rng, np.ones(n, dtype=bool), 0.015),
        n_devices=n_devices, device_base=np.zeros(n, np.int64), campaign=rng.integers(0, 1 << 30, n),
        primary_id=np.zeros(n, np.int64), dup_id=np.full(n, NONE), dup_created_at=np.full(n, NONE),
        chain_id=np.full(n, NONE), chain_created_at=np.full(n, NONE), merged_at=np.full(n, NONE),
    )
    _assign_records(rng, persons)
    persons.device_base[:] = np.cumsum(persons.n_devices) - persons.n_devices
    persons.email_rank[:] = _occurrence_rank(
        (company.astype(np.int64) + 1) * 100_000 + persons.first * 100 + persons.last)
    return persons


def _occurrence_rank(keys: np.ndarray) -> np.ndarray:
    """0 for the first occurrence of each key, 1 for the second, ... (vectorised)."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.r_[0, np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(keys)]))
    rank = np.empty(len(keys), np.int64)
    rank[order] = np.arange(len(keys)) - group_start
    return rank


def _assign_records(rng: np.random.Generator, p: Persons) -> None:
    """Contact records: every person has a primary record created at lead_at; some
    re-registered with another email (a duplicate merged into the primary later) and a
    few twice (chain dup -> chain -> primary). Ids grow with creation time."""
    n = p.n
    lead = ~p.is_suspect
    has_dup = _pick(rng, lead & (p.lead_at < cat.END_MS - 30 * cat.DAY_MS), 0.07)
    has_chain = _pick(rng, has_dup, 0.2)
    p.n_devices[has_dup] = np.maximum(p.n_devices[has_dup], 2)
    p.dup_created_at[:] = np.where(has_dup, p.lead_at + rng.integers(1, 25, n) * cat.DAY_MS
                                   + rng.integers(0, cat.DAY_MS, n), NONE)
    p.chain_created_at[:] = np.where(has_chain, p.dup_created_at - rng.integers(1, 20, n)
                                     * cat.HOUR_MS, NONE)
    p.merged_at[:] = np.where(has_dup, p.dup_created_at + rng.integers(1, 5, n) * cat.DAY_MS, NONE)

    created = np.concatenate([p.lead_at, p.dup_created_at[has_dup], p.chain_created_at[has_chain]])
    owner = np.concatenate([np.arange(n), np.flatnonzero(has_dup), np.flatnonzero(has_chain)])
    kind = np.concatenate([np.zeros(n, np.int8), np.ones(has_dup.sum(), np.int8),
                           np.full(has_chain.sum(), 2, np.int8)])
    order = np.lexsort((owner, created))
    ids = np.empty(len(created), np.int64)
    ids[order] = 1_000_000 + np.cumsum(rng.integers(1, 60, len(created)))
    p.primary_id[:] = ids[kind == 0]
    p.dup_id[has_dup] = ids[kind == 1]
    p.chain_id[has_chain] = ids[kind == 2]


def occurs(ts: np.ndarray) -> np.ndarray:
    """True where an event happens inside the exported history."""
    return (ts != NONE) & (ts < cat.END_MS)
