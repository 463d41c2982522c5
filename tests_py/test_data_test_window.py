"""The daily run's data tests read a window of the large tables (macro
get_where_subquery, var data_test_window_days); the default reads everything.

A hand-made web export of three page views, received on 01-01, 02-27 and 03-01: with a
window of 3 days the tests read the views received from 02-26 on (p2 and p3). Figures
are counted by hand for each step.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests_py.raw_folders import run_dbt, write_raw_folder

WINDOW = "{data_test_window_days: 3}"
TESTS = ("--select", "stg_web__pages,resource_type:test", "--indirect-selection", "cautious")
PAGES = [
    {"id": "p1", "anonymous_id": "a1", "timestamp": "2026-01-01T09:00:00Z",
     "received_at": "2026-01-01T09:00:05Z", "path": "/"},
    {"id": "p2", "anonymous_id": "a2", "timestamp": "2026-02-27T09:00:00Z",
     "received_at": "2026-02-27T09:00:05Z", "path": "/pricing"},
    {"id": "p3", "anonymous_id": "a2", "timestamp": "2026-03-01T09:00:00Z",
     "received_at": "2026-03-01T09:00:05Z", "path": "/blog"},
]


def _failures(work: Path) -> dict[str, int]:
    """Failing rows per test name of the last dbt call (0 for a pass)."""
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[2]: int(r["failures"] or 0) for r in results}


def _execute(work: Path, sql: str) -> None:
    con = duckdb.connect(str(work / "warehouse.duckdb"))
    try:
        con.execute(sql)
    finally:
        con.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("window")
    raw = write_raw_folder(work / "raw", {"web/pages": PAGES})
    result = run_dbt(work, raw, "build", "--select", "+stg_web__pages",
                     "--exclude", "resource_type:unit_test", "--indirect-selection", "cautious")
    assert result.returncode == 0, result.stdout[-3000:]
    return work


def test_window_skips_old_rows_that_the_full_run_checks(built: Path) -> None:
    # the oldest view loses its viewed_at: only a test that reads 01-01 sees it
    _execute(built, "update staging.stg_web__pages set viewed_at = null where page_view_id = 'p1'")
    run_dbt(built, built / "raw", "test", *TESTS, "--vars", WINDOW)
    windowed = _failures(built)
    run_dbt(built, built / "raw", "test", *TESTS)
    full = _failures(built)
    assert windowed["not_null_stg_web__pages_viewed_at"] == 0
    assert full["not_null_stg_web__pages_viewed_at"] == 1
    assert set(windowed) == set(full)  # the same tests run, on fewer rows


def test_window_unique_sees_a_new_row_repeating_an_old_key(built: Path) -> None:
    # p1 arrives again on 03-01: inside the window once, so a plain filter would count
    # one row; the unique test reads every row of a key found in the window: two
    _execute(built, """
        insert into staging.stg_web__pages
        select * replace (timestamp '2026-03-01 10:00:00' as received_at)
        from staging.stg_web__pages where page_view_id = 'p1'
    """)
    run_dbt(built, built / "raw", "test", *TESTS, "--vars", WINDOW)
    assert _failures(built)["unique_stg_web__pages_page_view_id"] == 1


def test_daily_selector_leaves_whole_table_checks_and_unit_tests_to_the_full_run(
    built: Path,
) -> None:
    listed = run_dbt(built, built / "raw", "ls", "--selector", "daily", "--output", "json",
                     "--output-keys", "resource_type", "tags", "name", "--quiet")
    assert listed.returncode == 0, listed.stdout[-3000:]
    nodes = [json.loads(line) for line in listed.stdout.splitlines() if line.startswith("{")]
    kinds = {node["resource_type"] for node in nodes}
    assert {"model", "test", "seed", "snapshot"} <= kinds
    assert "unit_test" not in kinds
    assert not [node["name"] for node in nodes if "nightly" in node.get("tags", [])]
    # the definition tests and the windowed generic tests stay in the daily run
    names = {node["name"] for node in nodes}
    assert "unique_stg_web__pages_page_view_id" in names
    assert {"lead_01_leads_dated", "assert_funnel_totals_reconcile"} <= names
