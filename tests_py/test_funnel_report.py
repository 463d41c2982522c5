"""The funnel report: built from the test warehouse, opened in headless Chromium, every
chart drawn.

Reads the warehouse `make test` builds (warehouse/lead_lifecycle_ci.duckdb, or the file
named by LEAD_LIFECYCLE_MARTS_DB). The browser test needs /usr/bin/chromium (or the path
in CHROMIUM_BIN) and skips, saying so, only when no Chromium is installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from scripts import funnel_report

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "warehouse" / "lead_lifecycle_ci.duckdb"
CHARTS = ("funnel", "conversion", "velocity", "sla", "threshold")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def warehouse_path() -> Path:
    return Path(os.environ.get("LEAD_LIFECYCLE_MARTS_DB", DEFAULT_DB))


def chromium_binary() -> str | None:
    candidates = [os.environ.get("CHROMIUM_BIN"), "/usr/bin/chromium", shutil.which("chromium"),
                  shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    return None


def has_compliance_table(db: Path) -> bool:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return funnel_report.table_exists(con, "fct_definition_compliance")
    finally:
        con.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    db = warehouse_path()
    if not db.exists():
        pytest.skip(f"warehouse {db} not built (run `make test` or set LEAD_LIFECYCLE_MARTS_DB)")
    out = tmp_path_factory.mktemp("funnel")
    assert funnel_report.main(["--db", str(db), "--out", str(out)]) == 0
    return out / "index.html"


def chart_fragments(page: str) -> dict[str, str]:
    """The markup of each chart div: from its id to the next chart's id."""
    starts = [(m.group(1), m.start()) for m in re.finditer(r'id="chart-([a-z_]+)"', page)]
    fragments = {}
    for index, (name, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(page)
        fragments[name] = page[start:end]
    return fragments


def test_report_is_self_contained(report):
    page = report.read_text(encoding="utf-8")
    assert "<script" in page
    external = re.findall(r'<script[^>]+src="(https?:[^"]+)"', page)
    assert not external, f"scripts loaded from the network: {external}"
    fragments = chart_fragments(page)
    for chart in CHARTS:
        assert chart in fragments, f"chart {chart} missing from the page"
    expected = "compliance" in fragments
    assert expected == has_compliance_table(warehouse_path())


def test_report_without_compliance_mart_says_so(tmp_path):
    db = tmp_path / "empty.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    section = funnel_report.compliance_section(con)
    con.close()
    assert section.figure is None
    assert "not built" in section.note


def test_every_chart_renders_in_headless_chromium(report, tmp_path):
    binary = chromium_binary()
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium); the report was built but not rendered")
    result = subprocess.run(
        [
            binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--virtual-time-budget=15000",
            "--dump-dom",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    fragments = chart_fragments(dom)
    expected = list(CHARTS) + (["compliance"] if has_compliance_table(warehouse_path()) else [])
    for chart in expected:
        assert chart in fragments, f"chart {chart} not in the rendered page"
        assert 'class="main-svg"' in fragments[chart], f"plotly did not draw chart {chart}"
