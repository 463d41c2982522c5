"""A day of late page views rewrites only the sessions it touches, not each browser's
whole history (strategy replace_onward, doc web_incremental_sessions), and the
incremental tables still equal a full refresh row for row.

By hand (timeout 30 minutes, all views on 2026-03-02 and received that day unless
said; lookback 3 days before the newest arrival, 2026-03-10, so only g's view of
2026-03-10 is inside it):

- browser a: sessions 09:00-09:10, 11:00-11:10, 11:50-12:00, 15:00. A late view at
  11:30 joins the second and third: a keeps session 1, and sessions 2 (11:00, five
  views) and 3 (15:00) are written again; its old sessions 3 and 4 disappear.
- browser b: 10:00 | 14:00, 14:20 | 18:00. View b3 (14:20) is sent again at 17:40:
  b keeps session 1; 14:00 alone, then 17:40-18:00 (a new session id).
- browser c: 08:00 | 20:00; its 20:00 view is sent again under browser d. Browser e:
  one view at 07:00, sent again under d. c keeps its first session, e disappears
  (its sessions only by a marker row), new browser d has two sessions.
- browser g: 2026-03-01 09:00 | 2026-03-10 09:00 (received then, inside the lookback):
  only its second session is written again.

Rows written by the incremental run: page views a 6, b 3, d 2, g 1 = 12 of 17;
sessions a 2, b 2, d 2, g 1 = 7 of 11, plus 2 marker rows (c, e) not inserted.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests_py.raw_folders import run_dbt, write_raw_folder
from tests_py.warehouse_tables import table_differences

pytestmark = pytest.mark.slow

DAY = "2026-03-02"


def _view(view_id: str, browser: str, time: str, day: str = DAY,
          received: str | None = None) -> dict[str, str]:
    """A page call viewed on day at time (HH:MM), received 5 seconds later or at
    `received` ("YYYY-MM-DD HH:MM")."""
    received_day, received_time = received.split(" ") if received else (day, time)
    return {
        "id": view_id,
        "anonymous_id": browser,
        "timestamp": f"{day}T{time}:00Z",
        "received_at": f"{received_day}T{received_time}:05Z",
        "path": "/",
    }


LATE = "2026-03-11 08:00"
FIRST_PAGES = [
    _view("a1", "a", "09:00"), _view("a2", "a", "09:10"),
    _view("a3", "a", "11:00"), _view("a4", "a", "11:10"),
    _view("a5", "a", "11:50"), _view("a6", "a", "12:00"),
    _view("a7", "a", "15:00"),
    _view("b1", "b", "10:00"), _view("b2", "b", "14:00"), _view("b3", "b", "14:20"),
    _view("b4", "b", "18:00"),
    _view("c1", "c", "08:00"), _view("c2", "c", "20:00"),
    _view("e1", "e", "07:00"),
    _view("g0", "g", "09:00", day="2026-03-01"), _view("g1", "g", "09:00", day="2026-03-10"),
]
LATE_PAGES = [
    _view("a-late", "a", "11:30", received=LATE),
    _view("b3", "b", "17:40", received=LATE),
    _view("c2", "d", "20:00", received=LATE),
    _view("e1", "d", "07:00", received=LATE),
]

# (anonymous_id, session_number, session_started_at, page_view_count) after the late views
EXPECTED_SESSIONS = [
    ("a", 1, f"{DAY} 09:00:00", 2), ("a", 2, f"{DAY} 11:00:00", 5), ("a", 3, f"{DAY} 15:00:00", 1),
    ("b", 1, f"{DAY} 10:00:00", 1), ("b", 2, f"{DAY} 14:00:00", 1), ("b", 3, f"{DAY} 17:40:00", 2),
    ("c", 1, f"{DAY} 08:00:00", 1),
    ("d", 1, f"{DAY} 07:00:00", 1), ("d", 2, f"{DAY} 20:00:00", 1),
    ("g", 1, "2026-03-01 09:00:00", 1), ("g", 2, "2026-03-10 09:00:00", 1),
]
# (page_view_id, session_number, page_view_in_session_number, is_session_start, is_session_exit)
EXPECTED_VIEWS_A = [
    ("a1", 1, 1, True, False), ("a2", 1, 2, False, True),
    ("a3", 2, 1, True, False), ("a4", 2, 2, False, False), ("a-late", 2, 3, False, False),
    ("a5", 2, 4, False, False), ("a6", 2, 5, False, True),
    ("a7", 3, 1, True, True),
]
WEB_TABLES = ("intermediate.int_page_views_sessionized", "intermediate.int_sessions_aggregated")


def _ok(work: Path, raw: Path, *args: str) -> None:
    result = run_dbt(work, raw, *args)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def _batch_rows(work: Path, model: str) -> tuple[int, int]:
    """Rows the model's next incremental run writes: (rows, marker rows), by running
    the SQL `dbt compile` gives for it now (the batch dbt puts in its temp table)."""
    compiled = work / "target" / "compiled" / "lead_lifecycle" / "models" / "intermediate" / "web"
    sql = (compiled / f"{model}.sql").read_text()
    row_id = "page_view_id" if model == "int_page_views_sessionized" else "session_id"
    with duckdb.connect(str(work / "warehouse.duckdb"), read_only=True) as con:
        rows, markers = con.execute(
            f"select count({row_id}), count(*) - count({row_id}) from ({sql}) as batch"
        ).fetchone()
    return int(rows), int(markers)


def _run_model_counting_batch(work: Path, raw: Path, model: str) -> tuple[int, int]:
    _ok(work, raw, "compile", "--select", model)
    batch = _batch_rows(work, model)
    _ok(work, raw, "run", "--select", model)
    return batch


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("session_reprocessing")
    incremental, full = work / "incremental", work / "full"
    incremental.mkdir()
    full.mkdir()
    raw = write_raw_folder(work / "raw", {"web/pages": FIRST_PAGES})
    _ok(incremental, raw, "seed", "--select", "channel_mapping", "content_catalog")
    _ok(incremental, raw, "run", "--select", "+int_sessions_aggregated")

    write_raw_folder(work / "raw", {"web/pages": FIRST_PAGES + LATE_PAGES})
    # staging and the other parents first, so the batches can be counted before each run
    _ok(incremental, raw, "run", "--select", "+int_sessions_aggregated",
        "--exclude", "int_page_views_sessionized", "int_sessions_aggregated")
    page_view_batch = _run_model_counting_batch(incremental, raw, "int_page_views_sessionized")
    session_batch = _run_model_counting_batch(incremental, raw, "int_sessions_aggregated")

    _ok(full, raw, "seed", "--select", "channel_mapping", "content_catalog")
    _ok(full, raw, "run", "--full-refresh", "--select", "+int_sessions_aggregated")
    return {
        "incremental_db": incremental / "warehouse.duckdb",
        "full_db": full / "warehouse.duckdb",
        "page_view_batch": page_view_batch,
        "session_batch": session_batch,
        "run_sql": (incremental / "target" / "run" / "lead_lifecycle" / "models"
                    / "intermediate" / "web" / "int_sessions_aggregated.sql"),
    }


def test_sessions_and_numbers_are_the_hand_computed_ones(warehouses: dict[str, object]) -> None:
    with duckdb.connect(str(warehouses["incremental_db"]), read_only=True) as con:
        sessions = con.execute(
            """
            select anonymous_id, session_number, strftime(session_started_at, '%Y-%m-%d %H:%M:%S'),
                page_view_count
            from intermediate.int_sessions_aggregated
            order by anonymous_id, session_number
            """
        ).fetchall()
        views_a = con.execute(
            """
            select page_view_id, session_number, page_view_in_session_number, is_session_start,
                is_session_exit
            from intermediate.int_page_views_sessionized
            where anonymous_id = 'a'
            order by viewed_at
            """
        ).fetchall()
        view_sessions_unknown = con.execute(
            """
            select count(*)
            from intermediate.int_page_views_sessionized as views
            left join intermediate.int_sessions_aggregated as sessions
                on views.session_id = sessions.session_id
            where sessions.session_id is null
            """
        ).fetchone()[0]
    assert sessions == [tuple(row) for row in EXPECTED_SESSIONS]
    assert views_a == [tuple(row) for row in EXPECTED_VIEWS_A]
    assert view_sessions_unknown == 0


def test_run_rewrote_only_the_touched_sessions(warehouses: dict[str, object]) -> None:
    # a 6, b 3, d 2, g 1 page views; a 2, b 2, d 2, g 1 sessions + markers for c and e
    assert warehouses["page_view_batch"] == (12, 0)
    assert warehouses["session_batch"] == (7, 2)
    assert "replace_from" in Path(warehouses["run_sql"]).read_text()


@pytest.mark.parametrize("table", WEB_TABLES)
def test_incremental_equals_full_refresh(warehouses: dict[str, object], table: str) -> None:
    differences = table_differences(warehouses["incremental_db"], warehouses["full_db"], table)
    rows = 17 if table.endswith("page_views_sessionized") else 11
    assert differences == {"rows": rows, "other_rows": rows, "only_here": 0, "only_other": 0}

