"""The semantic layer answers like the marts: `mf query` (MetricFlow) on the built test
warehouse gives the same monthly MQL and SQL counts and MQL->SQL rate as dim_leads.

MetricFlow reads the semantic manifest from <repo>/target/semantic_manifest.json (written
by `dbt build` / `dbt parse` with the default target path); the test runs `dbt parse`
first when it is missing or older than the project's yml. It queries the warehouse of `make test`
(warehouse/lead_lifecycle_ci.duckdb) or the file named by LEAD_LIFECYCLE_MARTS_DB.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
DEFAULT_DB = ROOT / "warehouse" / "lead_lifecycle_ci.duckdb"
MANIFEST = ROOT / "target" / "semantic_manifest.json"

pytestmark = pytest.mark.slow


def warehouse_path() -> Path:
    return Path(os.environ.get("LEAD_LIFECYCLE_MARTS_DB", DEFAULT_DB))


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else name


def run_env(db: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "LEAD_LIFECYCLE_TARGET": "ci",
        "LEAD_LIFECYCLE_DUCKDB_PATH": str(db),
    }
    env.pop("DBT_TARGET_PATH", None)  # MetricFlow only looks in <repo>/target
    return env


def manifest_is_stale() -> bool:
    """Missing, or older than a yml of the project or dbt_project.yml."""
    if not MANIFEST.exists():
        return True
    built = MANIFEST.stat().st_mtime
    sources = [ROOT / "dbt_project.yml", *ROOT.glob("models/**/*.yml")]
    return any(path.stat().st_mtime > built for path in sources)


@pytest.fixture(scope="module")
def metricflow_result(tmp_path_factory) -> pd.DataFrame:
    db = warehouse_path()
    if not db.exists():
        pytest.skip(f"warehouse {db} not built (run `make test` or set LEAD_LIFECYCLE_MARTS_DB)")
    # MetricFlow opens the file read-write through dbt-duckdb: give it a private copy so
    # an open read-only connection elsewhere cannot lock it out (and nothing is written
    # into the test warehouse)
    work = tmp_path_factory.mktemp("mf")
    copy = work / "warehouse.duckdb"
    shutil.copyfile(db, copy)
    env = run_env(copy)
    if manifest_is_stale():
        parsed = subprocess.run(
            [tool("dbt"), "parse", "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        assert parsed.returncode == 0, parsed.stdout[-3000:] + parsed.stderr[-3000:]
    out = work / "metrics.csv"
    query = subprocess.run(
        [
            tool("mf"),
            "query",
            "--metrics",
            "mql_count,sql_count,mql_to_sql_rate",
            "--group-by",
            "metric_time__month",
            "--csv",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert query.returncode == 0 and out.exists(), query.stdout[-3000:] + query.stderr[-3000:]
    frame = pd.read_csv(out)
    frame["month"] = pd.to_datetime(frame["metric_time__month"]).dt.tz_localize(None)
    return frame.set_index("month").sort_index()


@pytest.fixture(scope="module")
def dim_leads_monthly() -> pd.DataFrame:
    con = duckdb.connect(str(warehouse_path()), read_only=True)
    try:
        return con.execute(
            """
            with leads as (
                select * from marts.dim_leads where is_funnel_lead
            ),
            mqls as (
                select date_trunc('month', mql_at) as month, count(*) as mqls
                from leads where mql_at is not null group by 1
            ),
            sqls as (
                select date_trunc('month', sql_at) as month, count(*) as sqls
                from leads where sql_at is not null group by 1
            )
            select
                coalesce(mqls.month, sqls.month) as month,
                coalesce(mqls.mqls, 0) as mqls,
                coalesce(sqls.sqls, 0) as sqls
            from mqls full outer join sqls on mqls.month = sqls.month
            order by 1
            """
        ).df().assign(month=lambda f: pd.to_datetime(f["month"]).dt.tz_localize(None)).set_index("month")
    finally:
        con.close()


def test_mf_mql_count_by_month_matches_dim_leads(metricflow_result, dim_leads_monthly):
    mf_mqls = metricflow_result["mql_count"].dropna()
    mf_mqls = mf_mqls[mf_mqls > 0].astype(int)
    expected = dim_leads_monthly["mqls"]
    expected = expected[expected > 0]
    assert not expected.empty
    pd.testing.assert_series_equal(mf_mqls, expected, check_names=False, check_freq=False)


def test_mf_sql_count_and_rate_match_dim_leads(metricflow_result, dim_leads_monthly):
    mf_sqls = metricflow_result["sql_count"].fillna(0).astype(int)
    expected = dim_leads_monthly["sqls"].reindex(mf_sqls.index).fillna(0).astype(int)
    pd.testing.assert_series_equal(mf_sqls, expected, check_names=False, check_freq=False)
    mqls = dim_leads_monthly["mqls"].reindex(metricflow_result.index)
    sqls = dim_leads_monthly["sqls"].reindex(metricflow_result.index)
    rate = (sqls / mqls.where(mqls > 0)).astype(float)
    pd.testing.assert_series_equal(
        metricflow_result["mql_to_sql_rate"].astype(float), rate, check_names=False, check_freq=False, atol=1e-9
    )
