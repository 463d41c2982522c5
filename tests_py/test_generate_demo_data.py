"""Tests of scripts/generate_demo_data.py: determinism, the raw contract, scaling, the
mess real exports carry, and consistency with the reference seeds."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pyarrow.parquet as pq
import pytest

from scripts import contract
from scripts.demo_data import catalog as cat
from scripts.generate_demo_data import main

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds" / "reference"
MAX_BROKEN = 4  # unusable rows per table at small scale (2 per chunk, 1-2 chunks)


def _generate(out: Path, scale: float, seed: int) -> Path:
    assert main(["--scale", str(scale), "--seed", str(seed), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("raw_a"), 0.05, 7)


@pytest.fixture(scope="module")
def db(raw: Path) -> duckdb.DuckDBPyConnection:
    """Every raw file as a view named <source>__<table>; CSV read as text, like staging."""
    con = duckdb.connect()
    for t in contract.CONTRACT:
        path = raw / t.relative_path
        if t.file_format == "csv":
            src = f"read_csv('{path}', all_varchar = true, header = true)"
        else:
            src = f"read_parquet('{path}')"
        con.execute(f"create table {t.source}__{t.name} as select * from {src}")
    return con


def _md5s(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.md5(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _count(db: duckdb.DuckDBPyConnection, sql: str) -> int:
    return db.execute(sql).fetchone()[0]


# ---------------------------------------------------------------- determinism & scale
def test_same_seed_gives_byte_identical_files(raw: Path, tmp_path: Path) -> None:
    again = _generate(tmp_path / "again", 0.05, 7)
    assert _md5s(raw) == _md5s(again)


def test_different_seed_gives_different_files(raw: Path, tmp_path: Path) -> None:
    other = _md5s(_generate(tmp_path / "other", 0.05, 8))
    same = [name for name, digest in _md5s(raw).items()
            if other[name] == digest and name != "crm/users.csv"]
    assert same == []


def test_row_counts_scale_with_scale(db: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    small = _generate(tmp_path / "small", 0.02, 7)
    n_small = _count(db, f"select count(*) from read_csv('{small}/crm/contacts.csv', all_varchar=true)")
    n_big = _count(db, "select count(*) from crm__contacts")
    assert 0.3 < n_small / n_big < 0.5
    pages_small = pq.ParquetFile(small / "web/pages.parquet").metadata.num_rows
    pages_big = _count(db, "select count(*) from web__pages")
    assert 0.3 < pages_small / pages_big < 0.5
    assert 800 <= n_big <= 1300  # scale 0.05 = about 1,000 contacts
    assert 35_000 <= pages_big <= 70_000  # and about 50,000 page views


# ---------------------------------------------------------------- contract
def test_file_set_matches_contract(raw: Path) -> None:
    written = {str(p.relative_to(raw)) for p in raw.rglob("*") if p.is_file()}
    assert written == {t.relative_path for t in contract.CONTRACT}


@pytest.mark.parametrize("table", contract.CONTRACT, ids=lambda t: t.relative_path)
def test_columns_and_order_match_contract(raw: Path, table: contract.Table) -> None:
    path = raw / table.relative_path
    if table.file_format == "csv":
        with path.open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
    else:
        header = pq.ParquetFile(path).schema_arrow.names
    # every contract column in contract order; optional ones are left out, as a default
    # CRM export leaves them out
    assert header == [c.name for c in table.columns if not c.optional]


_PARSES = {
    "integer": "try_cast({c} as bigint) is not null",
    "decimal": "try_cast({c} as double) is not null",
    "boolean": "{c} in ('true', 'false')",
    "timestamp": "try_cast({c} as timestamptz) is not null",
    "epoch_ms": "try_cast({c} as bigint) between 1700000000000 and 1800000000000",
    "date": "try_cast({c} as date) is not null",
    "string": "true",
}


@pytest.mark.parametrize("table", contract.CONTRACT, ids=lambda t: t.relative_path)
def test_values_parse_as_their_logical_type(db: duckdb.DuckDBPyConnection,
                                            table: contract.Table) -> None:
    view = f"{table.source}__{table.name}"
    for col in table.columns:
        if table.file_format == "parquet" and col.type in ("timestamp", "boolean"):
            continue  # typed in the file
        if col.optional:
            continue  # not in the demo exports
        bad = _count(db, f"select count(*) from {view} where {col.name} is not null "
                         f"and not ({_PARSES[col.type].format(c=col.name)})")
        unparseable = _count(db, f"select count(*) from {view} where {col.name} = 'not a date'") \
            if table.file_format == "csv" else 0
        assert bad == unparseable, f"{view}.{col.name}: {bad} unparseable values"
        assert unparseable <= MAX_BROKEN


@pytest.mark.parametrize("table", contract.CONTRACT, ids=lambda t: t.relative_path)
def test_required_columns_and_accepted_values(db: duckdb.DuckDBPyConnection,
                                              table: contract.Table) -> None:
    view = f"{table.source}__{table.name}"
    for col in table.columns:
        if col.required:
            nulls = _count(db, f"select count(*) from {view} where {col.name} is null")
            assert nulls <= MAX_BROKEN, f"{view}.{col.name}: {nulls} nulls"
        if col.accepted_values:
            values = ", ".join(f"'{v}'" for v in col.accepted_values)
            other = _count(db, f"select count(*) from {view} where {col.name} not in ({values})")
            assert other == 0, f"{view}.{col.name}: values outside the contract"


@pytest.mark.parametrize("table", contract.CONTRACT, ids=lambda t: t.relative_path)
def test_primary_key_unique_apart_from_exact_duplicates(db: duckdb.DuckDBPyConnection,
                                                        table: contract.Table) -> None:
    view = f"{table.source}__{table.name}"
    key = ", ".join(table.primary_key)
    not_null = " and ".join(f"{k} is not null" for k in table.primary_key)
    rows = _count(db, f"select count(*) from (select distinct * from {view} where {not_null})")
    keys = _count(db, f"select count(*) from (select distinct {key} from {view} where {not_null})")
    assert rows == keys


# ---------------------------------------------------------------- the mess
@pytest.mark.parametrize("view", ["crm__contacts", "crm__contact_property_history",
                                  "crm__engagements", "marketing__email_events",
                                  "marketing__form_submissions", "web__pages", "web__tracks",
                                  "web__identifies"])
def test_exact_duplicate_rows_occur(db: duckdb.DuckDBPyConnection, view: str) -> None:
    total = _count(db, f"select count(*) from {view}")
    distinct = _count(db, f"select count(*) from (select distinct * from {view})")
    assert total > distinct


@pytest.mark.parametrize("table", [t for t in contract.CONTRACT if t.name != "users"],
                         ids=lambda t: t.relative_path)
def test_quarantine_candidates_occur(db: duckdb.DuckDBPyConnection, table: contract.Table) -> None:
    view = f"{table.source}__{table.name}"
    missing_key = _count(db, f"select count(*) from {view} where {table.primary_key[0]} is null")
    broken_ts = [c.name for c in table.columns if c.required and c.type in ("timestamp", "date")]
    if table.file_format == "csv":
        bad = sum(_count(db, f"select count(*) from {view} where {c} = 'not a date'") for c in broken_ts)
    else:
        bad = sum(_count(db, f"select count(*) from {view} where {c} is null") for c in broken_ts)
    assert 1 <= missing_key <= MAX_BROKEN
    if broken_ts:
        assert 1 <= bad <= MAX_BROKEN


def test_emails_in_mixed_case_and_with_spaces(db: duckdb.DuckDBPyConnection) -> None:
    for view, col in (("crm__contacts", "email"), ("marketing__form_submissions", "email"),
                      ("marketing__email_events", "recipient"), ("web__identifies", "email")):
        assert _count(db, f"select count(*) from {view} where {col} <> lower({col})") > 0, view
    assert _count(db, "select count(*) from crm__contacts where email <> trim(email)") > 0
    assert _count(db, "select count(*) from marketing__form_submissions where email <> trim(email)") > 0


def test_merged_contacts_with_chains_and_web_ids_of_merged_records(db: duckdb.DuckDBPyConnection) -> None:
    merged = _count(db, "select count(*) from crm__contacts where merged_into_object_id is not null")
    chains = _count(db, """
        select count(*) from crm__contacts a
        join crm__contacts b on a.merged_into_object_id = b.hs_object_id
        where b.merged_into_object_id is not null""")
    assert merged > 10 and chains > 0
    for view in ("web__identifies", "web__pages"):
        pointing = _count(db, f"""
            select count(distinct w.user_id) from {view} w
            join crm__contacts c on w.user_id = c.hs_object_id
            where c.merged_into_object_id is not null""")
        assert pointing > 0, view


def test_deleted_contacts_and_suspects(db: duckdb.DuckDBPyConnection) -> None:
    assert _count(db, "select count(*) from crm__contacts where archived = 'true'") > 0
    suspects = _count(db, """select count(*) from crm__contacts
        where hs_analytics_source = 'OFFLINE' and hs_analytics_source_data_1 = 'IMPORT'""")
    engaged = _count(db, """select count(*) from crm__contacts c
        join marketing__email_events e on lower(trim(e.recipient)) = lower(trim(c.email))
        where c.hs_analytics_source_data_1 = 'IMPORT' and e.type in ('OPEN', 'CLICK')""")
    assert suspects > 50 and engaged == 0


def test_late_and_out_of_order_web_events(db: duckdb.DuckDBPyConnection) -> None:
    for view in ("web__pages", "web__tracks", "web__identifies"):
        late = _count(db, f"select count(*) from {view} where received_at > timestamp + interval 1 hour")
        assert late > 0, view
    unsorted = _count(db, """select count(*) from (
        select timestamp < lag(timestamp) over (order by rn) as back
        from (select timestamp, row_number() over () as rn from web__pages)) where back""")
    assert unsorted > 100


def test_nulls_in_optional_fields(db: duckdb.DuckDBPyConnection) -> None:
    for table in contract.CONTRACT:
        optional = [c.name for c in table.columns if not c.required and not c.optional]
        view = f"{table.source}__{table.name}"
        nulls = sum(_count(db, f"select count(*) from {view} where {c} is null") for c in optional)
        assert nulls > 0 or not optional, view


def test_crm_offsets_in_timestamps(db: duckdb.DuckDBPyConnection) -> None:
    for view, col in (("crm__contacts", "createdate"), ("crm__contact_property_history", "timestamp"),
                      ("crm__engagements", "hs_timestamp")):
        assert _count(db, f"select count(*) from {view} where {col} like '%+01:00'") > 0
        assert _count(db, f"select count(*) from {view} where {col} like '%Z'") > 0


_STAGES = """
    create or replace temp view stage_changes as
    select distinct cast(object_id as bigint) as contact_id, value as stage,
        try_cast(timestamp as timestamptz) as changed_at, cast(updated_by_user_id as bigint) as user_id
    from crm__contact_property_history
    where property_name = 'lifecyclestage' and try_cast(timestamp as timestamptz) is not null
      and object_id is not null;
    create or replace temp view first_at as
    select contact_id,
        min(changed_at) filter (where stage = 'marketingqualifiedlead') as mql_at,
        min(changed_at) filter (where stage = 'salesqualifiedlead') as sql_at
    from stage_changes group by 1;
"""


def test_skipped_and_backward_stages(db: duckdb.DuckDBPyConnection) -> None:
    db.execute(_STAGES)
    skipped = _count(db, "select count(*) from first_at where sql_at is not null and mql_at is null")
    backward = _count(db, """select count(*) from stage_changes s
        join stage_changes l on s.contact_id = l.contact_id
        where s.stage = 'salesqualifiedlead' and l.stage = 'lead' and l.changed_at > s.changed_at""")
    assert skipped > 0 and backward > 0


def test_stage_changes_that_break_the_definitions(db: duckdb.DuckDBPyConnection) -> None:
    db.execute(_STAGES)
    sql_before_mql = _count(db, "select count(*) from first_at where sql_at < mql_at")
    no_conversation = _count(db, """select count(*) from first_at f where sql_at is not null
        and not exists (select 1 from crm__engagements e
            where cast(e.contact_id as bigint) = f.contact_id
              and ((e.hs_engagement_type = 'CALL' and e.hs_outcome = 'CONNECTED')
                or (e.hs_engagement_type = 'MEETING' and e.hs_outcome = 'COMPLETED'))
              and try_cast(e.hs_timestamp as timestamptz) <= f.sql_at)""")
    no_budget = _count(db, """select count(*) from first_at f where sql_at is not null
        and not exists (select 1 from crm__contact_property_history h
            where cast(h.object_id as bigint) = f.contact_id
              and h.property_name = 'qualification_budget' and h.value = 'confirmed')""")
    assert sql_before_mql > 0 and no_conversation > 0 and no_budget > 0


def test_thin_mqls_and_behaviour_that_makes_scoring_meaningful(db: duckdb.DuckDBPyConnection) -> None:
    db.execute(_STAGES)
    db.execute("""create or replace temp view views_per_contact as
        select c.contact_id, count(p.id) as views,
            count(p.id) filter (where p.path like '/pricing%') as pricing_views
        from (select distinct contact_id from stage_changes) c
        left join web__identifies i on cast(i.user_id as bigint) = c.contact_id
        left join web__pages p on p.anonymous_id = i.anonymous_id
        group by 1""")
    mql_views = _count(db, """select avg(views) from views_per_contact v join first_at f
        using (contact_id) where f.mql_at is not null""")
    lead_views = _count(db, """select avg(views) from views_per_contact v join first_at f
        using (contact_id) where f.mql_at is null and f.sql_at is null""")
    thin = _count(db, """select count(*) from views_per_contact v join first_at f using (contact_id)
        where f.mql_at is not null and f.sql_at is null and v.views <= 3 and v.pricing_views = 0""")
    assert mql_views > 2 * lead_views
    assert thin > 0
    # manual MQLs by marketing users happen (and are among the thin ones)
    assert _count(db, """select count(*) from stage_changes s join crm__users u
        on s.user_id = cast(u.id as bigint)
        where s.stage = 'marketingqualifiedlead' and u.role = 'MARKETING'""") > 0


def test_sales_acceptance_by_reps_and_icp_skew(db: duckdb.DuckDBPyConnection) -> None:
    db.execute(_STAGES)
    roles = db.execute("""select distinct u.role from stage_changes s
        join crm__users u on s.user_id = cast(u.id as bigint)
        where s.stage = 'salesqualifiedlead'""").fetchall()
    assert {r[0] for r in roles} <= {"SDR", "BDR", "AE"}
    senior = "(jobtitle similar to '.*(VP|Vice President|Head|Director|Chief|CEO|CMO|COO).*')"
    share_sql, share_all = db.execute(f"""
        select avg(case when {senior} then 1.0 else 0 end) filter (where f.sql_at is not null),
               avg(case when {senior} then 1.0 else 0 end)
        from crm__contacts c join first_at f on cast(c.hs_object_id as bigint) = f.contact_id
        where c.jobtitle is not null""").fetchone()
    assert share_sql > share_all + 0.1


def test_direct_conversations_and_disqualification(db: duckdb.DuckDBPyConnection) -> None:
    qualified = db.execute("""select distinct engagement_type from marketing__engagements
        where is_qualified_conversation = 'true'""").fetchall()
    assert {"paid_search_call", "trade_show_scan"} <= {q[0] for q in qualified}
    reasons = {r[0] for r in db.execute("""select distinct value from crm__contact_property_history
        where property_name = 'disqualification_reason' and value is not null""").fetchall()}
    assert reasons == set(cat.DISQUALIFICATION_REASONS)
    recycled = _count(db, """select count(distinct object_id) from crm__contact_property_history
        where property_name = 'disqualification_reason' and value is null""")
    assert recycled > 0


def test_deals_won_and_lost_with_stage_history(db: duckdb.DuckDBPyConnection) -> None:
    stages = {r[0] for r in db.execute("select distinct dealstage from crm__deals").fetchall()}
    assert {"closedwon", "closedlost"} <= stages and len(stages) >= 4
    orphans = _count(db, """select count(*) from crm__deal_stage_history h
        where h.deal_id is not null and not exists (select 1 from crm__deals d where d.hs_object_id = h.deal_id)""")
    assert orphans <= MAX_BROKEN


# ---------------------------------------------------------------- reference seeds
def _like(pattern: str, value: str) -> bool:
    regex = "".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in pattern)
    return re.fullmatch(regex, value, flags=re.DOTALL) is not None


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_page_path_matches_one_content_catalog_pattern(db: duckdb.DuckDBPyConnection) -> None:
    catalog = _seed("content_catalog")
    paths = [r[0] for r in db.execute("select distinct path from web__pages where path is not null").fetchall()]
    assert set(paths) == set(cat.PAGE_PATHS)
    for path in paths:
        matches = [row["content_id"] for row in catalog if _like(row["path_pattern"], path.lower())]
        assert len(matches) == 1, (path, matches)
    stage_names = ("awareness", "evaluation", "decision")
    for path, _, stage in cat.PAGES:
        row = next(r for r in catalog if _like(r["path_pattern"], path))
        if stage < 3:
            assert row["journey_stage"] == stage_names[stage], path
        assert (row["is_pricing_page"] == "true") == path.startswith("/pricing")


def _channel(utm_source: str | None, utm_medium: str | None, referrer: str | None) -> str:
    host = urlparse(referrer).hostname if referrer else None
    values = [(v or "(none)").lower() for v in (utm_source, utm_medium, host)]
    rules = sorted(_seed("channel_mapping"), key=lambda r: int(r["priority"]))
    for rule in rules:
        patterns = (rule["utm_source_pattern"], rule["utm_medium_pattern"], rule["referrer_host_pattern"])
        if all(_like(p, v) for p, v in zip(patterns, values)):
            return rule["channel"]
    return "unmapped"


def test_landing_sources_map_to_the_intended_channel() -> None:
    for channel, source, medium, _, referrer in cat.LANDINGS:
        assert _channel(source, medium, referrer) == channel, (channel, source, medium, referrer)
        if channel == "email" and source:
            assert _channel(source, medium, None) == "email"


def test_every_channel_occurs_in_page_views(db: duckdb.DuckDBPyConnection) -> None:
    rows = db.execute("""select distinct context_campaign_source, context_campaign_medium, referrer
        from web__pages where referrer is null or referrer not like 'https://www.funnelcraft.io%'""").fetchall()
    assert {_channel(*r) for r in rows} == set(cat.CHANNELS)


def test_ad_spend_campaigns_match_utm_campaigns(db: duckdb.DuckDBPyConnection) -> None:
    spend = {r[0] for r in db.execute("select distinct campaign_name from marketing__ad_spend").fetchall()}
    utm = {r[0] for r in db.execute("select distinct context_campaign_name from web__pages").fetchall()}
    assert spend and spend <= utm
    mapped = db.execute("""select distinct utm_source, utm_medium from marketing__ad_spend""").fetchall()
    assert {_channel(s, m, None) for s, m in mapped} == {"paid_search", "paid_social", "display"}


def test_seed_lifecycle_stages_order() -> None:
    rows = {r["stage"]: int(r["stage_order"]) for r in _seed("lifecycle_stages")}
    assert rows == {"suspect": 0, "lead": 1, "mql": 2, "sql": 3, "prospect": 4, "opportunity": 5,
                    "customer": 6, "disqualified": -1}
