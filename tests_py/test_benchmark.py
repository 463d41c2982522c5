"""The benchmark runs end to end at a tiny scale and writes its tables (shape, not timings),
and its building blocks (new day, floor, phases) give answers known by hand."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from scripts import benchmark
from scripts.raw_events import append_new_day
from tests_py.raw_folders import write_raw_folder


def test_parse_args_defaults() -> None:
    args = benchmark.parse_args([])
    assert args.scales == [1.0, 10.0, 50.0]
    assert args.memory_limit == "8GB" and args.threads == 2
    assert not args.skip_generate
    assert benchmark.parse_args(["--scales", "1", "10", "--skip-generate"]).scales == [1.0, 10.0]
    with pytest.raises(SystemExit):
        benchmark.parse_args(["--scales", "0"])


def test_phase_of_follows_folders_and_resource_types() -> None:
    assert benchmark.phase_of({"resource_type": "model",
                               "original_file_path": "models/staging/web/base/x.sql"}) == "staging"
    assert benchmark.phase_of({"resource_type": "model",
                               "original_file_path": "models/intermediate/web/x.sql"}) == "web"
    assert benchmark.phase_of({"resource_type": "model",
                               "original_file_path": "models/intermediate/crm/x.sql"}) == "lifecycle"
    assert benchmark.phase_of({"resource_type": "model",
                               "original_file_path": "models/marts/x.sql"}) == "marts"
    assert benchmark.phase_of({"resource_type": "unit_test"}) == "tests"
    assert benchmark.phase_of({"resource_type": "seed"}) == "seeds"


def test_phase_seconds_from_artifacts_and_without_them(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text(json.dumps({"nodes": {
        "model.p.a": {"resource_type": "model", "name": "a",
                      "original_file_path": "models/marts/a.sql"},
        "test.p.t": {"resource_type": "test", "name": "t"},
    }}))
    (tmp_path / "run_results.json").write_text(json.dumps({"results": [
        {"unique_id": "model.p.a", "execution_time": 1.25, "status": "success"},
        {"unique_id": "test.p.t", "execution_time": 0.5, "status": "fail"},
    ]}))
    phases, failed = benchmark.phase_seconds(tmp_path)
    assert phases["marts"] == 1.2 and phases["tests"] == 0.5 and failed == ("t",)
    # a dbt call that stopped at parse wrote no run results: the step says so, no crash
    (tmp_path / "run_results.json").unlink()
    phases, failed = benchmark.phase_seconds(tmp_path)
    assert set(phases.values()) == {0.0} and failed == ("(dbt wrote no run results)",)


def test_summary_ratios_and_growth() -> None:
    results = [
        benchmark.StepResult(1, "floor", 2.0),
        benchmark.StepResult(1, "full build", 20.0, 900.0, 0.0),
        benchmark.StepResult(1, "incremental run", 1.0, 500.0, 0.0),
        benchmark.StepResult(10, "floor", 10.0),
        benchmark.StepResult(10, "full build", 100.0, 4000.0, 300.0),
    ]
    one, ten = benchmark.summary(results)
    assert one["full_over_floor"] == 10.0 and one["incremental_over_full"] == 0.05
    assert one["peak_rss_mb"] == 900.0
    assert ten["incremental_over_full"] is None and ten["spill_mb"] == 300.0
    assert ten["data_growth"] == 10.0 and ten["time_growth"] == 5.0


def test_new_day_copies_the_newest_day_one_day_later(tmp_path: Path) -> None:
    # three page views: two within 24 hours of the newest, one two days older;
    # e-mail events in epoch milliseconds in a CSV, 50,000 s (under a day) apart
    raw = write_raw_folder(tmp_path / "raw", {
        "web/pages": [
            # an old view received late, after the newest day: the new day must be
            # received after it (p2's received_at + 1 day 15 hours = 03-05 00:00:01)
            {"id": "p1", "anonymous_id": "a", "timestamp": "2025-03-01T10:00:00Z",
             "received_at": "2025-03-05T00:00:00Z"},
            {"id": "p2", "anonymous_id": "a", "timestamp": "2025-03-03T09:00:00Z",
             "received_at": "2025-03-03T09:00:01Z"},
            {"id": "p3", "anonymous_id": "b", "timestamp": "2025-03-03T20:00:00Z",
             "received_at": "2025-03-03T20:00:05Z"},
        ],
        "marketing/email_events": [
            {"id": "e1", "type": "OPEN", "recipient": "x@example.com", "created": "1740000000000"},
            {"id": "e2", "type": "CLICK", "recipient": "x@example.com", "created": "1740050000000"},
        ],
    })
    added = append_new_day(raw)
    assert added == {"web/pages": 2, "web/tracks": 0, "web/identifies": 0,
                     "marketing/email_events": 2}
    con = duckdb.connect()
    pages = con.execute(
        f"select id, cast(timestamp as varchar), cast(received_at as varchar) "
        f"from read_parquet('{raw / 'web/pages.parquet'}') where id like 'day1-%' order by id"
    ).fetchall()
    assert [row[0] for row in pages] == ["day1-p2", "day1-p3"]
    # text timestamps stay text, in ISO 8601 UTC; events a day later, received after
    # everything already loaded
    assert pages[0][1:] == ("2025-03-04T09:00:00.000Z", "2025-03-05T00:00:01.000Z")
    assert pages[1][1:] == ("2025-03-04T20:00:00.000Z", "2025-03-05T11:00:05.000Z")
    with (raw / "marketing/email_events.csv").open(newline="") as handle:
        events = {row["id"]: row for row in csv.DictReader(handle)}
    assert events["day1-e1"]["created"] == "1740086400000"
    assert events["day1-e2"]["created"] == "1740136400000"
    assert len(events) == 4


def test_floor_reads_every_raw_row_once(tmp_path: Path) -> None:
    raw = write_raw_folder(tmp_path / "raw", {
        "crm/contacts": [{"hs_object_id": "1"}, {"hs_object_id": "2"}],
        "web/pages": [
            {"id": "p1", "anonymous_id": "a", "user_id": "1", "timestamp": "2025-03-01T10:00:00Z"},
            {"id": "p2", "anonymous_id": "b", "timestamp": "2025-03-01T11:00:00Z"},
            {"id": "p3", "anonymous_id": "b", "timestamp": "2025-03-01T12:00:00Z"},
        ],
    })
    rows = duckdb.connect().execute(benchmark.floor_query(raw)).fetchall()
    found = {raw_file: (keys, count) for raw_file, keys, count in rows}
    assert found["crm/contacts.csv"] == (2, 2)
    assert found["web/pages.parquet"] == (2, 3)  # contact 1 and browser b
    assert sum(count for _, count in found.values()) == 5  # header-only files add nothing


@pytest.mark.slow
def test_benchmark_writes_json_and_markdown(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    code = benchmark.main([
        "--scales", "0.01", "--seed", "3", "--data-dir", str(tmp_path / "data"),
        "--out", str(out), "--memory-limit", "1GB",
    ])
    assert code == 0
    payload = json.loads((out / "benchmark.json").read_text())
    assert set(payload) >= {"generated_at", "summary", "machine", "results"}
    steps = [result["step"] for result in payload["results"]]
    assert steps == ["generate", "floor", "full build", "new day", "incremental run"]
    by_step = {result["step"]: result for result in payload["results"]}
    assert by_step["floor"]["rows"] > 0 and by_step["new day"]["rows"] > 0
    for step in ("full build", "incremental run"):
        assert by_step[step]["peak_rss_mb"] > 0
        assert set(by_step[step]["phases"]) == set(benchmark.PHASES)
        assert by_step[step]["phases"]["tests"] > 0 and by_step[step]["phases"]["web"] > 0
    (row,) = payload["summary"]
    assert row["full_over_floor"] > 0 and row["incremental_over_full"] > 0
    markdown = (out / "benchmark.md").read_text()
    assert "| scale | floor s | full build s | full / floor |" in markdown
    assert markdown.count("\n| 0.01 |") == 1 + len(steps)
