"""The warehouse builds and tells the truth on data shaped like real exports.

Three small hand-made raw folders (tests_py/real_export_folders.py, where the comments
give every figure) are built as the README's "Running it on your own exports" says,
concurrently, each into its own DuckDB file:

* A, a seller funnel of 2017-2018 with only sign-up MQLs and won deals and most systems
  header-only, on the project as shipped: its deals skip the SQL stage, so the
  error-level rule OPP-01 fails the build (exit 1) while every model, mart and the
  compliance mart are built and nothing is skipped. A steward whose process has no SQL
  stage sets OPP-01 to warn in seeds/governance/definition_rules.csv; the same checks
  then pass the build (exit 0).
* B, a B2B pipeline of open / won / lost deals whose early deals carry no dates, on a
  copy of the project with that steward setting: exit 0.
* C, imported contacts who converted, values outside every seed list, a form export
  with the contact id and timestamps in the company's time zone: exit 0 as shipped.
"""

from __future__ import annotations

import csv
import json
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from tests_py import real_export_folders as folders
from tests_py.raw_folders import copy_project, run_dbt, write_raw_folder

pytestmark = pytest.mark.slow

STEWARD_SEVERITY = {"OPP-01": "warn"}  # a sales process without an SQL stage


def steward_project(root: Path) -> Path:
    """A copy of the project whose steward set the severities in STEWARD_SEVERITY."""
    project = copy_project(root)
    seed = project / "seeds/governance/definition_rules.csv"
    with seed.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["severity"] = STEWARD_SEVERITY.get(row["rule_id"], row["severity"])
    with seed.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return project


class Build:
    """One folder built with `dbt seed` + `dbt build` into its own warehouse."""

    def __init__(self, work: Path, raw: Path, project: Path, build_args: list[str]):
        self.work, self.raw, self.project, self.build_args = work, raw, project, build_args
        self.result: subprocess.CompletedProcess[str] | None = None

    def run(self) -> subprocess.CompletedProcess[str]:
        seeded = run_dbt(self.work, self.raw, "seed", "--quiet", project=self.project)
        assert seeded.returncode == 0, seeded.stdout[-3000:]
        self.result = run_dbt(self.work, self.raw, "build", *self.build_args, project=self.project)
        return self.result

    def statuses(self) -> dict[str, str]:
        """Status of every node of the last dbt run, by node name."""
        results = json.loads((self.work / "target" / "run_results.json").read_text())["results"]
        # unique ids are <type>.<package>.<name>[.<hash of a generic test's arguments>]
        return {r["unique_id"].split(".")[2]: r["status"] for r in results}

    def query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        con = duckdb.connect(str(self.work / "warehouse.duckdb"), read_only=True)
        try:
            return con.execute(sql, params or []).df()
        finally:
            con.close()

    def scalar(self, sql: str) -> Any:
        return self.query(sql).iloc[0, 0]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Build]]:
    root = tmp_path_factory.mktemp("real_exports")
    steward = steward_project(root / "steward_project")
    shipped = Path(__file__).resolve().parents[1]
    # unit tests do not read data: `make test` runs them once, on its own build
    no_unit_tests = ["--exclude", "resource_type:unit_test"]
    plans = {
        "seller_funnel": (folders.SELLER_FUNNEL_2017, shipped, no_unit_tests),
        "b2b_pipeline": (folders.B2B_PIPELINE, steward, no_unit_tests),
        "crm_imports": (
            folders.CRM_IMPORTS_AND_UNKNOWNS,
            shipped,
            [*no_unit_tests, "--vars", "{raw_timestamp_time_zone: Europe/Berlin}"],
        ),
    }
    runs: dict[str, Build] = {}
    for name, (tables, project, args) in plans.items():
        work = root / name
        raw = write_raw_folder(work / "raw", tables)
        runs[name] = Build(work, raw, project, args)
    # the builds are independent: run them side by side
    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        list(pool.map(lambda build: build.run(), runs.values()))
    runs["steward_project"] = steward  # type: ignore[assignment]
    yield runs


def assert_nothing_skipped(build: Build, failing: set[str]) -> None:
    statuses = build.statuses()
    assert not [name for name, status in statuses.items() if status in ("skipped", "error")], (
        build.result.stdout[-4000:] if build.result else ""
    )
    failed = {name for name, status in statuses.items() if status == "fail"}
    assert failed == failing, build.result.stdout[-4000:] if build.result else ""


# ------------------------------------------------------------------ A. seller funnel


def test_seller_funnel_fails_only_on_opp01_with_every_mart_built(builds) -> None:
    build = builds["seller_funnel"]
    assert build.result is not None and build.result.returncode == 1
    assert_nothing_skipped(build, {"opp_01_opportunities_from_sqls"})
    compliance = build.query(
        "select rule_id, sum(rows_checked) as checked, sum(violations) as violations "
        "from marts.fct_definition_compliance group by 1"
    ).set_index("rule_id")
    assert compliance.loc["OPP-01"].tolist() == [3, 3]
    assert compliance.loc["STAGE-01", "violations"] == 0
    assert build.scalar("select count(*) from audit.opp_01_opportunities_from_sqls") == 3


def test_seller_funnel_figures(builds) -> None:
    build = builds["seller_funnel"]
    leads = build.query("select * from marts.dim_leads order by lead_id")
    assert leads["is_funnel_lead"].all() and len(leads) == 6
    assert (leads["lead_at"] == leads["mql_at"]).all()
    monthly_mqls = leads.groupby(leads["mql_at"].dt.strftime("%Y-%m")).size().to_dict()
    assert monthly_mqls == {"2017-06": 1, "2017-07": 2, "2017-12": 1, "2018-01": 1, "2018-02": 1}
    customers = leads[leads["is_customer"]]
    assert customers["lead_id"].tolist() == [2, 3, 5]
    assert customers["customer_at"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2017-08-20 14:00", "2017-11-02 14:00", "2018-03-01 14:00"
    ]
    assert customers["days_lead_to_customer"].median() == pytest.approx(48 + 5 / 24)
    cohorts = build.query(
        "select cohort_month, sum(leads_count) as leads, sum(customers_count) as customers "
        "from marts.fct_funnel_cohorts group by 1 order by 1"
    )
    assert cohorts.assign(cohort_month=cohorts["cohort_month"].astype(str)).values.tolist() == [
        ["2017-06-01", 1, 0], ["2017-07-01", 2, 2], ["2017-12-01", 1, 0],
        ["2018-01-01", 1, 1], ["2018-02-01", 1, 0],
    ]
    deals = build.query("select * from marts.fct_opportunities order by opportunity_id")
    assert deals["is_won"].all() and deals["created_at"].isna().all()
    assert not deals["has_created_date"].any() and deals["days_to_close"].isna().all()
    assert deals["closed_at"].notna().all()


def test_seller_funnel_calendar_and_daily_stock_follow_2017_data(builds) -> None:
    build = builds["seller_funnel"]
    bounds = build.query("select min(date_day), max(date_day), count(*) from marts.dim_dates")
    assert [pd.Timestamp(v).date().isoformat() for v in bounds.iloc[0, :2]] == [
        "2017-06-01", "2018-03-31"
    ]
    assert bounds.iloc[0, 2] == 304
    stock = build.query(
        "select cast(date_day as varchar) as day, stage, sum(stock_count) as stock "
        "from marts.fct_lead_stage_daily "
        "where date_day in ('2017-08-21', '2018-03-01') and stage in ('mql', 'customer') "
        "group by 1, 2 order by 1, 2"
    ).values.tolist()
    assert stock == [
        ["2017-08-21", "customer", 1], ["2017-08-21", "mql", 2],
        ["2018-03-01", "customer", 3], ["2018-03-01", "mql", 3],
    ]
    days = build.query("select count(distinct date_day) from marts.fct_lead_stage_daily").iloc[0, 0]
    assert days == 274  # 2017-06-01 .. 2018-03-01, the last day with a stage change
    sla = build.query("select count(*) as clocks, sum(case when business_hours > 0 then 1 else 0 end) "
                      "from marts.fct_lead_response_sla")
    assert sla.iloc[0].tolist() == [12, 12]  # no engagements: every clock runs to the data's end


def test_seller_funnel_explicit_window_warns_with_the_rows_outside(builds) -> None:
    build = builds["seller_funnel"]
    result = run_dbt(
        build.work, build.raw, "build",
        "--select", "int_event_dates_profiled", "dim_dates", "fct_lead_stage_daily",
        "assert_events_inside_calendar",
        "--vars", "{funnel_start_date: '2017-09-01'}",
    )
    assert result.returncode == 0, result.stdout[-3000:]
    # 3 contacts and 4 stage changes created, 1 deal closed before September 2017
    assert "Got 8 results" in result.stdout
    first_stock_day = build.scalar("select min(date_day) from marts.fct_lead_stage_daily")
    assert pd.Timestamp(first_stock_day).date().isoformat() == "2017-09-01"
    first_day = build.scalar("select min(date_day) from marts.dim_dates")
    assert pd.Timestamp(first_day).date().isoformat() == "2017-09-01"


def test_seller_funnel_passes_once_the_steward_sets_opp01_to_warn(builds) -> None:
    build = builds["seller_funnel"]
    steward = builds["steward_project"]
    seeded = run_dbt(build.work, build.raw, "seed", "--select", "definition_rules", project=steward)
    assert seeded.returncode == 0, seeded.stdout[-3000:]
    judged = run_dbt(build.work, build.raw, "test", "--select", "tag:definition", project=steward)
    assert judged.returncode == 0, judged.stdout[-3000:]
    statuses = Build(build.work, build.raw, steward, []).statuses()
    assert statuses["opp_01_opportunities_from_sqls"] == "warn"


# ----------------------------------------------------------------- B. B2B pipeline


def test_b2b_pipeline_builds_green(builds) -> None:
    build = builds["b2b_pipeline"]
    assert build.result is not None and build.result.returncode == 0, build.result.stdout[-4000:]
    assert_nothing_skipped(build, set())


def test_b2b_pipeline_outcomes_win_rate_and_days_to_close(builds) -> None:
    build = builds["b2b_pipeline"]
    deals = build.query("select * from marts.fct_opportunities").set_index("opportunity_id")
    assert sorted(deals.index[deals["stage_category"] == "open"]) == [1001, 1004, 1007, 1009]
    assert sorted(deals.index[deals["is_won"]]) == [1002, 1005]
    assert sorted(deals.index[deals["is_lost"]]) == [1003, 1006, 1008]
    assert deals.loc[1004, "is_stage_mapped"] == False  # noqa: E712 (numpy bool)
    assert deals.loc[[1001, 1007, 1009], "created_at"].isna().all()
    closed = deals[deals["is_closed"]]
    assert closed["is_won"].sum() / len(closed) == pytest.approx(0.4)
    quarterly = closed.groupby(closed["closed_at"].dt.to_period("Q"))["is_won"].mean()
    assert quarterly.astype(float).round(4).to_dict() == {
        pd.Period("2017Q1"): 0.5, pd.Period("2017Q2"): 0.5, pd.Period("2017Q3"): 0.0
    }
    assert closed[closed["is_won"]]["days_to_close"].median() == pytest.approx(32)
    assert closed[closed["is_lost"]]["days_to_close"].median() == pytest.approx(41)
    assert deals.loc[1002, "currency_code"] == "EUR" and deals.loc[1005, "currency_code"] == "USD"
    unmapped = build.query("select deal_stage, deal_count from audit.assert_deal_stages_mapped")
    assert unmapped.values.tolist() == [["Engaging", 1]]


def test_b2b_pipeline_leads_from_deals_and_undated_lead(builds) -> None:
    build = builds["b2b_pipeline"]
    leads = build.query("select * from marts.dim_leads").set_index("lead_id")
    assert leads["is_funnel_lead"].all() and len(leads) == 5
    assert str(leads.loc[301, "lead_at"]) == "2017-01-05 00:00:00"
    assert leads.loc[301, "current_stage"] == "customer" and leads.loc[302, "current_stage"] == "opportunity"
    undated = leads.loc[305]
    assert pd.isna(undated["lead_at"]) and not undated["has_lead_date"]
    assert undated["current_stage"] == "opportunity" and undated["is_opportunity"]
    # won revenue in the reporting currency (EUR) only: the USD win counts as a won deal
    assert leads.loc[301, "won_revenue"] == 1000 and leads.loc[303, "won_revenue"] == 0
    assert leads.loc[303, "won_deal_count"] == 1
    bounds = build.query("select min(date_day), max(date_day) from marts.dim_dates")
    assert [pd.Timestamp(v).date().isoformat() for v in bounds.iloc[0]] == [
        "2017-01-01", "2017-07-31"
    ]


# ------------------------------------------------------------ C. imports and unknowns


def test_crm_imports_builds_green_and_names_unknown_values(builds) -> None:
    build = builds["crm_imports"]
    assert build.result is not None and build.result.returncode == 0, build.result.stdout[-4000:]
    assert_nothing_skipped(build, set())
    expected = {
        "unknown_values_crm__contacts_original_source": "LinkedIn Ads",
        "unknown_values_crm__contacts_crm_lifecycle_stage": "prospect_custom",
        "unknown_values_crm__users_role": "CSM",
        "unknown_values_sales_reps_role": "CSM",
        "unknown_values_crm__engagements_engagement_type": "sms",
        "unknown_values_marketing__form_submissions_form_type": "trial_signup",
        "unknown_values_marketing__email_events_event_type": "forward",
        "unknown_values_marketing__engagements_engagement_type": "podcast_guest",
    }
    statuses = build.statuses()
    for test_name, value in expected.items():
        assert statuses[test_name] == "warn", test_name
        stored = build.query(f"select value_field from audit.{test_name}")["value_field"].tolist()
        assert stored == [value], test_name
    assert statuses["assert_deal_stages_mapped"] == "warn"


def test_crm_imports_lifecycle_of_imported_and_unknown_contacts(builds) -> None:
    build = builds["crm_imports"]
    leads = build.query("select * from marts.dim_leads").set_index("lead_id")
    imported = leads.loc[401]
    assert imported["is_lead"] and imported["current_stage"] == "customer"
    assert str(imported["lead_at"]) == "2024-03-01 08:00:00"  # SQL at 09:00 Berlin (CET)
    assert str(imported["opportunity_at"]) == "2024-03-05 09:00:00"
    assert str(imported["customer_at"]) == "2024-04-02 10:00:00"  # 12:00 Berlin (CEST)
    assert str(imported["contact_created_at"]) == "2024-01-09 23:00:00"  # a date: midnight Berlin
    assert leads.loc[402, "is_suspect"] and leads.loc[402, "current_stage"] == "suspect"
    cold = build.query(
        "select is_cold_suspect from intermediate.int_lead_lifecycles_derived where contact_id = 402"
    )
    assert cold.iloc[0, 0]
    unknown = leads.loc[403]  # the form links by its contact id, not its (other) e-mail
    assert str(unknown["lead_at"]) == "2024-02-01 09:05:00"
    assert unknown["channel"] == "other" and unknown["original_source"] == "LinkedIn Ads"
    assert unknown["current_stage"] == "lead"
    signals = build.query(
        "select signal_type, points from intermediate.int_lead_signals_unioned where contact_id = 403"
    )
    assert signals.values.tolist() == [["form_other", 10]]  # an unknown form still scores
    podcast = leads.loc[404]  # no createdate: created at its first evidence
    assert str(podcast["contact_created_at"]) == "2024-03-10 13:00:00"
    assert str(podcast["lead_at"]) == "2024-03-10 13:00:00" and not podcast["has_created_date"]
    deals = build.query("select * from marts.fct_opportunities").set_index("opportunity_id")
    assert deals.loc[502, "stage_category"] == "open" and not deals.loc[502, "is_stage_mapped"]
    assert str(deals.loc[502, "expected_close_at"]) == "2024-06-29 22:00:00"
    assert pd.isna(deals.loc[502, "closed_at"])


def test_crm_imports_steward_report_lists_what_the_seeds_do_not_know(builds, tmp_path) -> None:
    from scripts import steward_report

    build = builds["crm_imports"]
    steward_report.write_report(
        build.work / "target", tmp_path / "steward", Path(__file__).resolve().parents[1],
        build.work / "warehouse.duckdb",
    )
    report = (tmp_path / "steward" / "index.md").read_text()
    section = report[report.index("## Raw data quality"):]
    for value in ("LinkedIn Ads", "prospect_custom", "CSM", "trial_signup", "podcast_guest",
                  "Verbal Commit"):
        assert value in section, value
    assert "| crm.contacts | 4 | 4 | 0 | 0 | yes |" in section
