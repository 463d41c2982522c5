"""The semantic layer answers like the marts: `mf query` (MetricFlow) on the built test
warehouse gives the same monthly MQL and SQL counts and MQL->SQL rate as dim_leads, and
the same quarterly win rate (won / (won + lost) of the deals closed) as fct_opportunities.

MetricFlow reads the semantic manifest from <repo>/target/semantic_manifest.json (written
by `dbt build` / `dbt parse` with the default target path). The manifest names the
warehouse file it was parsed for (the DuckDB database is the file's stem), so the test
always runs `dbt parse` against its private copy first: a manifest left by `make demo`
points at the demo warehouse. It queries the warehouse of `make test`
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


@pytest.fixture(scope="module")
def metricflow(tmp_path_factory):
    """A function running `mf query` on a private copy of the warehouse."""
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
    parsed = subprocess.run(
        [tool("dbt"), "parse", "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert parsed.returncode == 0, parsed.stdout[-3000:] + parsed.stderr[-3000:]

    def query(metrics: str, group_by: str) -> pd.DataFrame:
        out = work / f"{metrics.replace(',', '_')}.csv"
        result = subprocess.run(
            [tool("mf"), "query", "--metrics", metrics, "--group-by", group_by, "--csv", str(out)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0 and out.exists(), result.stdout[-3000:] + result.stderr[-3000:]
        frame = pd.read_csv(out)
        frame["period"] = pd.to_datetime(frame[group_by]).dt.tz_localize(None)
        return frame.set_index("period").sort_index()

    return query


@pytest.fixture(scope="module")
def metricflow_result(metricflow) -> pd.DataFrame:
    return metricflow("mql_count,sql_count,mql_to_sql_rate", "metric_time__month")


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


def test_mf_win_rate_is_won_over_closed_deals(metricflow):
    """win_rate = won / (won + lost) of the deals closed in the quarter, never above 1."""
    result = metricflow("win_rate,won_deal_count,lost_deal_count", "metric_time__quarter")
    con = duckdb.connect(str(warehouse_path()), read_only=True)
    try:
        deals = con.execute(
            "select date_trunc('quarter', closed_at) as quarter, is_won, is_lost "
            "from marts.fct_opportunities where is_closed"
        ).df()
    finally:
        con.close()
    deals["quarter"] = pd.to_datetime(deals["quarter"]).dt.tz_localize(None)
    expected = deals.groupby("quarter").agg(won=("is_won", "sum"), lost=("is_lost", "sum"))
    assert not expected.empty
    actual = result.dropna(subset=["win_rate"])
    assert (actual["win_rate"] <= 1).all()
    expected = expected.reindex(actual.index)
    pd.testing.assert_series_equal(
        actual["won_deal_count"].astype(int), expected["won"].astype(int), check_names=False, check_freq=False
    )
    pd.testing.assert_series_equal(
        actual["lost_deal_count"].astype(int), expected["lost"].astype(int), check_names=False, check_freq=False
    )
    rate = expected["won"] / (expected["won"] + expected["lost"])
    pd.testing.assert_series_equal(
        actual["win_rate"].astype(float), rate.astype(float), check_names=False, check_freq=False, atol=1e-9
    )
