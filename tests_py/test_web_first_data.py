"""A company that starts tracking its website after the first build: the web exports
were header-only, then carry page views. The incremental web models must take them all
(macro reprocess_arrivals_after), as a full refresh would, not wait forever for a
watermark an empty table cannot give.

By hand: browser a1 views at 09:00 and 09:10 (one session, the 30-minute timeout), a2
at 10:00 (another): 3 sessionized page views in 2 sessions.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests_py.raw_folders import run_dbt, write_raw_folder

SELECT = ("--select", "+int_sessions_aggregated", "--exclude", "resource_type:unit_test",
          "--indirect-selection", "cautious")
PAGES = [
    {"id": "v1", "anonymous_id": "a1", "timestamp": "2026-03-02T09:00:00Z",
     "received_at": "2026-03-02T09:00:02Z", "path": "/"},
    {"id": "v2", "anonymous_id": "a1", "timestamp": "2026-03-02T09:10:00Z",
     "received_at": "2026-03-02T09:10:02Z", "path": "/pricing"},
    {"id": "v3", "anonymous_id": "a2", "timestamp": "2026-03-02T10:00:00Z",
     "received_at": "2026-03-02T10:00:02Z", "path": "/blog"},
]


def _counts(work: Path) -> tuple[int, int]:
    con = duckdb.connect(str(work / "warehouse.duckdb"), read_only=True)
    try:
        views = con.execute("select count(*) from intermediate.int_page_views_sessionized").fetchone()
        sessions = con.execute("select count(*) from intermediate.int_sessions_aggregated").fetchone()
        return int(views[0]), int(sessions[0])
    finally:
        con.close()


def test_first_page_views_after_header_only_builds_are_all_taken(tmp_path: Path) -> None:
    raw = write_raw_folder(tmp_path / "raw", {})
    for args in (("seed",), ("build", *SELECT)):
        result = run_dbt(tmp_path, raw, *args)
        assert result.returncode == 0, result.stdout[-3000:]
    assert _counts(tmp_path) == (0, 0)

    write_raw_folder(tmp_path / "raw", {"web/pages": PAGES})
    result = run_dbt(tmp_path, raw, "build", *SELECT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert _counts(tmp_path) == (3, 2)
