"""Generate the raw demo files of lead_lifecycle exactly as scripts/contract.py describes.

A B2B SaaS company (Funnelcraft) over 18 months ending 2026-10-31: anonymous visitors,
leads from forms, calls and trade shows, MQLs, SQLs, deals won and lost, disqualified and
recycled leads, cold imported suspects, and the mess real exports carry (duplicates,
merged and deleted contacts, mixed-case emails, late events, skipped and reversed
stages, stage changes that break the written definitions, a few unusable rows).

    python -m scripts.generate_demo_data --scale 0.05 --seed 7 --out data/ci/raw

Scale 1 is about 20,000 contacts and 1M page views; scale 50 about 1M contacts and
50M page views. Work is vectorised (numpy, pyarrow) and chunked, so memory stays
bounded; the same seed and scale give byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from scripts import contract
from scripts.demo_data import crm, marketing, mess, web
from scripts.demo_data.ids import rng_for
from scripts.demo_data.population import Companies, Persons, Sizes, make_companies, make_persons
from scripts.demo_data.writers import TableWriter

PERSON_CHUNK = 20_000
ANON_CHUNK = 100_000
COMPANY_CHUNK = 200_000
ANON_CHUNK_KEY = 30_000

# stream keys of the per-chunk random generators
(R_FORMS, R_HIST, R_CONTACTS, R_ENG, R_ENG_T, R_DEALS, R_FORM_T, R_EMAIL, R_EMAIL_T,
 R_MKT, R_SESS, R_PAGES, R_TRACKS, R_IDENT, R_MESS, R_ANON, R_COMP, R_ADS, R_USERS) = range(10, 29)


@dataclass(frozen=True)
class Options:
    scale: float
    seed: int
    out: Path


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="1.0 = ~20k contacts / ~1M page views (default); 50 = ~1M / ~50M")
    parser.add_argument("--seed", type=int, default=42, help="random seed (same seed = same bytes)")
    parser.add_argument("--out", type=Path, default=Path("data/raw"), help="output raw directory")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    return Options(scale=args.scale, seed=args.seed, out=args.out)


def _chunks(total: int, size: int) -> Iterator[tuple[int, int, int]]:
    for key, lo in enumerate(range(0, total, size)):
        yield key, lo, min(lo + size, total)


class Output:
    """One open writer per contract table; every write passes through the defects."""

    def __init__(self, stack: ExitStack, out: Path, seed: int) -> None:
        self.seed = seed
        self.writers = {
            (t.source, t.name): stack.enter_context(TableWriter(out, t)) for t in contract.CONTRACT
        }

    def write(self, source: str, name: str, cols: dict, key: int, *, defects: bool = True) -> None:
        writer = self.writers[(source, name)]
        batches = [cols]
        if defects:
            rng = rng_for(self.seed, R_MESS, key, hash_name(source, name))
            batches = mess.with_defects(rng, writer.table, cols)
        for batch in batches:
            writer.write(batch)


def hash_name(source: str, name: str) -> int:
    """A stable small integer per table (Python's hash() is salted per process)."""
    return sum((i + 1) * ord(ch) for i, ch in enumerate(f"{source}.{name}"))


def write_person_chunk(out: Output, seed: int, key: int, p: Persons, companies: Companies) -> None:
    forms, first_form = marketing.form_events(rng_for(seed, R_FORMS, key), p)
    hist = crm.property_history(rng_for(seed, R_HIST, key), p, first_form)
    out.write("crm", "contacts", crm.contacts_table(rng_for(seed, R_CONTACTS, key), p, companies, hist),
              key)
    out.write("crm", "contact_property_history", crm.history_table(rng_for(seed, R_HIST, key, 1), hist), key)
    eng = crm.engagements(rng_for(seed, R_ENG, key), p)
    out.write("crm", "engagements", crm.engagements_table(
        rng_for(seed, R_ENG_T, key), p, companies, eng, 30_000_000 + key * 5_000_000), key)
    deals, stage_history = crm.deals_tables(rng_for(seed, R_DEALS, key), p, companies,
                                            60_000_000 + key * 1_000_000)
    out.write("crm", "deals", deals, key)
    out.write("crm", "deal_stage_history", stage_history, key)
    out.write("marketing", "form_submissions", marketing.form_submissions_table(
        rng_for(seed, R_FORM_T, key), p, companies, forms, seed, key), key)
    email = marketing.email_events(rng_for(seed, R_EMAIL, key), p)
    if email:
        out.write("marketing", "email_events", marketing.email_events_table(
            rng_for(seed, R_EMAIL_T, key), p, companies, email, key), key)
    out.write("marketing", "engagements", marketing.marketing_engagements_table(
        rng_for(seed, R_MKT, key), p, companies, forms, key), key)
    sessions, identifies = web.person_sessions(rng_for(seed, R_SESS, key), p, forms)
    pages, views = web.sessions_to_pages(rng_for(seed, R_PAGES, key), sessions, seed, key)
    out.write("web", "pages", pages, key)
    out.write("web", "tracks", web.tracks_table(rng_for(seed, R_TRACKS, key), views, forms, p, seed,
                                                key), key)
    out.write("web", "identifies", web.identifies_table(rng_for(seed, R_IDENT, key), p, companies,
                                                        identifies, seed, key), key)


def write_anonymous_chunk(out: Output, seed: int, key: int, first_visitor: int, count: int) -> None:
    chunk_key = ANON_CHUNK_KEY + key
    sessions = web.anonymous_sessions(rng_for(seed, R_ANON, key), first_visitor, count)
    pages, views = web.sessions_to_pages(rng_for(seed, R_ANON, key, 1), sessions, seed, chunk_key)
    out.write("web", "pages", pages, chunk_key)
    out.write("web", "tracks", web.tracks_table(rng_for(seed, R_ANON, key, 2), views, None, None,
                                                seed, chunk_key), chunk_key)


def generate(options: Options) -> dict[str, int]:
    """Write every contract file under options.out; return rows written per file."""
    sizes = Sizes.for_scale(options.scale)
    seed = options.seed
    companies = make_companies(seed, sizes.companies)
    persons = make_persons(seed, sizes, companies)
    total_devices = int(persons.n_devices.sum())
    person_chunks = list(_chunks(persons.n, PERSON_CHUNK))
    anon_chunks = list(_chunks(sizes.anonymous_visitors, ANON_CHUNK))
    company_chunks = list(_chunks(companies.n, COMPANY_CHUNK))
    options.out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        out = Output(stack, options.out, seed)
        progress = stack.enter_context(tqdm(
            total=len(person_chunks) + len(anon_chunks) + len(company_chunks) + 2,
            desc=f"demo data scale={options.scale:g}", unit="chunk", file=sys.stderr,
        ))
        out.write("crm", "users", crm.users_table(), 0, defects=False)
        out.write("marketing", "ad_spend", marketing.ad_spend_table(rng_for(seed, R_ADS), options.scale), 0)
        progress.update(2)
        for key, lo, hi in company_chunks:
            out.write("crm", "companies", crm.companies_table(rng_for(seed, R_COMP, key), companies, lo, hi),
                      key)
            progress.update()
        for key, lo, hi in person_chunks:
            write_person_chunk(out, seed, key, persons.slice(lo, hi), companies)
            progress.update()
        for key, lo, hi in anon_chunks:
            write_anonymous_chunk(out, seed, key, total_devices + lo, hi - lo)
            progress.update()
        rows = {w.table.relative_path: w.rows for w in out.writers.values()}
    return rows


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    started = time.perf_counter()
    rows = generate(options)
    elapsed = time.perf_counter() - started
    for path, count in rows.items():
        print(f"{path:40s} {count:>12,d} rows", file=sys.stderr)
    print(f"wrote {sum(rows.values()):,d} rows to {options.out} in {elapsed:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    np.seterr(over="ignore")
    sys.exit(main())
