"""The benchmark runs end to end at a tiny scale and writes its tables (shape, not timings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts import benchmark

pytestmark = pytest.mark.slow


def test_parse_args_defaults() -> None:
    args = benchmark.parse_args([])
    assert args.scales == [1.0, 10.0, 50.0]
    assert not args.skip_generate
    assert benchmark.parse_args(["--scales", "1", "10", "--skip-generate"]).scales == [1.0, 10.0]
    with pytest.raises(SystemExit):
        benchmark.parse_args(["--scales", "0"])


def test_benchmark_writes_json_and_markdown(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    code = benchmark.main([
        "--scales", "0.01", "--seed", "3", "--data-dir", str(tmp_path / "data"),
        "--out", str(out), "--late-browsers", "3", "--memory-limit", "1GB",
    ])
    assert code == 0
    payload = json.loads((out / "benchmark.json").read_text())
    assert set(payload) >= {"generated_at", "select", "machine", "results"}
    steps = [result["step"] for result in payload["results"]]
    assert steps[:3] == ["generate", "seed", "full build"]
    assert steps[3].startswith("append ") and steps[3].endswith(" late events")
    assert steps[4] == "incremental run"
    for result in payload["results"]:
        assert result["scale"] == 0.01
        assert result["seconds"] >= 0
    builds = [r for r in payload["results"] if r["step"] in ("full build", "incremental run")]
    for result in builds:
        assert result["peak_rss_mb"] > 0
        assert result["page_views"] > 0 and result["sessions"] > 0
    # the late events add page views
    assert builds[1]["page_views"] > builds[0]["page_views"]
    markdown = (out / "benchmark.md").read_text()
    assert "| scale | step | seconds | peak RSS (MiB) | page views | sessions |" in markdown
    assert markdown.count("\n| 0.01 |") == len(payload["results"])
