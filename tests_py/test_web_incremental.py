"""Incremental web models give exactly the rows of a full refresh after late events.

Builds the web models on a small generated dataset, appends late and out-of-order
events to the raw Segment files (views that join sessions, move a session's start,
open a session in a gap, re-sent views that leave their session, a new browser, late
identify calls), runs dbt incrementally, then builds the same raw files with a full
refresh into a second DuckDB file and compares the incremental tables row for row:
the web models and the base and staging tables of the Segment streams (doc
staging_arrival_window).

The multi-day case goes on from that warehouse for two more daily loads (a normal new
day, then a second new day together with a second batch of late events), one
incremental run after each, so the watermark moves and each run builds on tables that
earlier incremental runs wrote; after the last run the same eight tables must equal a
full refresh of the final raw files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from scripts.benchmark import REPO_ROOT, dbt_command, dbt_env
from scripts.raw_events import append_late_events, append_new_day
from tests_py.warehouse_tables import table_differences

# The web models and, through "+", every parent (staging views, seeds, int_contacts_merged).
DEFAULT_SELECT = (
    "+int_sessions_aggregated",
    "+int_page_views_stitched",
    "+int_web_activities_aggregated",
)
WEB_SEEDS = ("channel_mapping", "content_catalog")
# Each incremental table, and what its compiled SQL holds only in an incremental run.
INCREMENTAL_TABLES = {
    "staging.base_web__pages": "received_at is null or received_at >=",
    "staging.base_web__tracks": "received_at is null or received_at >=",
    "staging.base_web__identifies": "received_at is null or received_at >=",
    "staging.stg_web__pages": "received_at >= cast('",
    "staging.stg_web__tracks": "received_at >= cast('",
    "staging.stg_web__identifies": "received_at >= cast('",
    "intermediate.int_page_views_sessionized": "loaded_watermark",
    "intermediate.int_sessions_aggregated": "loaded_watermark",
}

pytestmark = pytest.mark.slow


def _dbt(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        dbt_command(*args), cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def _build(env: dict[str, str], *, full_refresh: bool) -> None:
    _dbt(env, "seed", "--select", *WEB_SEEDS)
    _dbt(env, "run", *(["--full-refresh"] if full_refresh else []), "--select", *DEFAULT_SELECT)


def _assert_equal(differences: dict[str, int]) -> None:
    assert differences["rows"] == differences["other_rows"]
    assert differences["rows"] > 0
    assert differences["only_here"] == 0
    assert differences["only_other"] == 0


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("web_incremental")
    raw = work / "raw"
    subprocess.run(
        [sys.executable, "-m", "scripts.generate_demo_data", "--scale", "0.02", "--seed", "11",
         "--out", str(raw)],
        cwd=REPO_ROOT, check=True, capture_output=True,
    )
    incremental_db = work / "incremental.duckdb"
    full_db = work / "full.duckdb"
    incremental_env = dbt_env(incremental_db, raw, work / "incremental")
    _build(incremental_env, full_refresh=True)
    with duckdb.connect(str(incremental_db), read_only=True) as con:
        sessions_before = con.execute(
            "select count(*) from intermediate.int_sessions_aggregated"
        ).fetchone()[0]

    late = append_late_events(raw, browsers=8)
    with duckdb.connect(str(incremental_db), read_only=True) as con:
        stitched_before = con.execute(
            f"""
            select count(*)
            from intermediate.int_sessions_aggregated
            where contact_id is not null and anonymous_id in (
                select anonymous_id from read_parquet('{raw / "web" / "identifies.parquet"}')
                where id like 'late-identify-%'
            )
            """
        ).fetchone()[0]
    _build(incremental_env, full_refresh=False)
    _build(dbt_env(full_db, raw, work / "full"), full_refresh=True)
    return {
        "incremental_db": incremental_db,
        "full_db": full_db,
        "raw": raw,
        "late": late,
        "sessions_before": sessions_before,
        "stitched_before": stitched_before,
        "run_results": work / "incremental" / "target" / "run_results.json",
    }


def test_late_events_of_every_kind_were_appended(warehouses: dict[str, object]) -> None:
    late = warehouses["late"]
    assert late.joining_views > 0
    assert late.session_start_moves > 0
    assert late.gap_sessions > 0
    assert late.moved_views > 0
    assert late.new_browser_views > 0
    assert late.late_identifies > 0


def _assert_ran_incrementally(run_results: Path) -> None:
    results = json.loads(run_results.read_text())["results"]
    compiled = {r["unique_id"].split(".")[-1]: r.get("compiled_code") or "" for r in results}
    for table, marker in INCREMENTAL_TABLES.items():
        assert marker in compiled[table.split(".")[1]], f"{table} did not run incrementally"


def test_second_run_was_incremental(warehouses: dict[str, object]) -> None:
    _assert_ran_incrementally(Path(warehouses["run_results"]))


@pytest.mark.parametrize("table", list(INCREMENTAL_TABLES))
def test_incremental_equals_full_refresh(warehouses: dict[str, object], table: str) -> None:
    _assert_equal(
        table_differences(warehouses["incremental_db"], warehouses["full_db"], table)
    )


def test_late_events_changed_the_sessions(warehouses: dict[str, object]) -> None:
    late = warehouses["late"]
    with duckdb.connect(str(warehouses["incremental_db"]), read_only=True) as con:
        sessions_after = con.execute(
            "select count(*) from intermediate.int_sessions_aggregated"
        ).fetchone()[0]
        new_browser_sessions = con.execute(
            "select count(*) from intermediate.int_sessions_aggregated"
            " where anonymous_id like 'late-browser-%'"
        ).fetchone()[0]
        restitched = con.execute(
            """
            select count(distinct sessions.anonymous_id)
            from intermediate.int_sessions_aggregated as sessions
            inner join staging.stg_web__identifies as identifies
                on sessions.anonymous_id = identifies.anonymous_id
            where identifies.identify_id like 'late-identify-%'
                and sessions.contact_id is not null
            """
        ).fetchone()[0]
    assert sessions_after != warehouses["sessions_before"]
    assert new_browser_sessions > 0
    # browsers identified late were anonymous before and belong to a contact now
    assert warehouses["stitched_before"] == 0
    assert restitched == late.late_identifies


@pytest.fixture(scope="module")
def later_days(
    warehouses: dict[str, object], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    """Two more daily loads on a copy of the incremental warehouse and its raw files."""
    work = tmp_path_factory.mktemp("web_incremental_days")
    raw = work / "raw"
    shutil.copytree(warehouses["raw"], raw)
    # same file name, so the same DuckDB catalog name as the tables were written under
    incremental_db = work / "incremental.duckdb"
    shutil.copyfile(warehouses["incremental_db"], incremental_db)
    env = dbt_env(incremental_db, raw, work / "incremental")
    watermarks = [_newest_arrival(incremental_db)]

    first_day = append_new_day(raw, day_number=1)
    _build(env, full_refresh=False)
    watermarks.append(_newest_arrival(incremental_db))

    second_day = append_new_day(raw, day_number=2)
    late = append_late_events(raw, browsers=5)
    _build(env, full_refresh=False)
    watermarks.append(_newest_arrival(incremental_db))

    full_db = work / "full.duckdb"
    _build(dbt_env(full_db, raw, work / "full"), full_refresh=True)
    return {
        "incremental_db": incremental_db,
        "full_db": full_db,
        "new_page_views": [first_day["web/pages"], second_day["web/pages"]],
        "late": late,
        "watermarks": watermarks,
        "run_results": work / "incremental" / "target" / "run_results.json",
    }


def _newest_arrival(database: Path) -> object:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(
            "select max(received_at) from intermediate.int_page_views_sessionized"
        ).fetchone()[0]


def test_later_days_brought_new_rows_and_moved_the_watermark(
    later_days: dict[str, object],
) -> None:
    assert all(count > 0 for count in later_days["new_page_views"])
    assert later_days["late"].total > 0
    first, second, third = later_days["watermarks"]
    assert first < second < third


def test_last_daily_run_was_incremental(later_days: dict[str, object]) -> None:
    _assert_ran_incrementally(Path(later_days["run_results"]))


@pytest.mark.parametrize("table", list(INCREMENTAL_TABLES))
def test_incremental_equals_full_refresh_after_several_days(
    later_days: dict[str, object], table: str
) -> None:
    _assert_equal(
        table_differences(later_days["incremental_db"], later_days["full_db"], table)
    )
