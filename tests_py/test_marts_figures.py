"""Every figure of the marts, recomputed independently with pandas on the built warehouse.

The marts are SQL; these tests redo each count, rate, clock and sum a second way (pandas,
from staging / intermediate tables or dim_leads) and compare. They read the warehouse
that `make test` builds (warehouse/lead_lifecycle_ci.duckdb), or the file named by
LEAD_LIFECYCLE_MARTS_DB, and skip when it has not been built.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "warehouse" / "lead_lifecycle_ci.duckdb"
MART_TABLES = (
    "dim_dates",
    "dim_channels",
    "dim_companies",
    "dim_sales_reps",
    "dim_leads",
    "fct_lead_stage_transitions",
    "fct_lead_stage_daily",
    "fct_funnel_cohorts",
    "fct_mql_sql_conversion",
    "fct_lead_response_sla",
    "fct_channel_performance",
    "fct_content_performance",
    "fct_disqualifications",
    "fct_mql_threshold_sweep",
)
PERSONAL_COLUMNS = {"email", "phone", "first_name", "last_name", "full_name", "firstname", "lastname"}


def warehouse_path() -> Path:
    return Path(os.environ.get("LEAD_LIFECYCLE_MARTS_DB", DEFAULT_DB))


@pytest.fixture(scope="module")
def con():
    path = warehouse_path()
    if not path.exists():
        pytest.skip(f"warehouse {path} not built (run `make test` or set LEAD_LIFECYCLE_MARTS_DB)")
    connection = duckdb.connect(str(path), read_only=True)
    missing = [
        table
        for table in MART_TABLES
        if connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'marts' and table_name = ?",
            [table],
        ).fetchone()[0]
        == 0
    ]
    if missing:
        connection.close()
        pytest.fail(f"marts missing from {path}: {missing}")
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def project_vars() -> dict:
    return yaml.safe_load((ROOT / "dbt_project.yml").read_text())["vars"]


def df(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    frame = con.execute(sql).df()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            frame[column] = frame[column].dt.tz_convert("UTC").dt.tz_localize(None)
    return frame


@pytest.fixture(scope="module")
def leads(con) -> pd.DataFrame:
    return df(con, "select * from marts.dim_leads")


@pytest.fixture(scope="module")
def funnel(leads) -> pd.DataFrame:
    return leads[leads["is_funnel_lead"]].copy()


def month(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).dt.to_period("M").dt.to_timestamp()


def as_float(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype(float)


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    numerator, denominator = as_float(numerator), as_float(denominator)
    return numerator / denominator.where(denominator != 0)


def assert_same(actual: pd.Series, expected: pd.Series, what: str) -> None:
    """Equal within 1e-6, nulls in the same places."""
    actual, expected = as_float(actual).reset_index(drop=True), as_float(expected).reset_index(drop=True)
    assert len(actual) == len(expected), f"{what}: {len(actual)} rows vs {len(expected)}"
    both_null = actual.isna() & expected.isna()
    close = np.isclose(actual.fillna(0), expected.fillna(0), rtol=1e-9, atol=1e-6)
    bad = ~(both_null | (close & (actual.isna() == expected.isna())))
    assert not bad.any(), (
        f"{what}: {int(bad.sum())} differences, first: "
        f"mart={actual[bad].iloc[0]!r} expected={expected[bad].iloc[0]!r}"
    )


def like_to_regex(pattern: str) -> re.Pattern:
    """SQL LIKE pattern ('%' any run, '_' one character) to a full-match regex."""
    parts = ["." if char == "_" else ".*" if char == "%" else re.escape(char) for char in pattern]
    return re.compile("".join(parts), re.DOTALL)


# ---------------------------------------------------------------------------- dims


def test_dim_leads_has_one_row_per_surviving_contact(con, leads):
    lifecycles = df(con, "select contact_id from intermediate.int_lead_lifecycles_derived")
    assert leads["lead_id"].is_unique
    assert set(leads["lead_id"]) == set(lifecycles["contact_id"])


def test_marts_carry_no_plain_personal_data(con):
    columns = df(
        con,
        "select table_name, column_name from information_schema.columns where table_schema = 'marts'",
    )
    offending = columns[columns["column_name"].str.lower().isin(PERSONAL_COLUMNS)]
    assert offending.empty, f"personal data columns in marts: {offending.values.tolist()}"


def test_dim_leads_funnel_flags_match_dates(funnel, leads):
    for stage in ("mql", "sql", "opportunity", "customer"):
        assert (leads[f"is_{stage}"] == leads[f"{stage}_at"].notna()).all(), stage
    assert funnel["lead_at"].notna().all()
    assert not funnel["is_deleted"].any()
    assert not funnel["is_suspect"].any()


def like(pattern: str) -> re.Pattern[str]:
    """A SQL like pattern as a regular expression."""
    return re.compile("".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern) + "$")


def deal_categories(deals: pd.DataFrame) -> pd.Series:
    """open / won / lost per deal from seeds/crm/deal_stage_categories.csv, recomputed."""
    rules = pd.read_csv(ROOT / "seeds" / "crm" / "deal_stage_categories.csv")
    rules = rules.sort_values(["priority", "deal_stage_pattern", "pipeline_pattern"])

    def category(deal: pd.Series) -> str:
        for rule in rules.itertuples():
            if like(rule.deal_stage_pattern).match(str(deal["deal_stage"]).strip().lower()) and like(
                rule.pipeline_pattern
            ).match(str(deal["pipeline"] or "").lower()):
                return rule.stage_category
        return "won" if deal["is_flagged_won"] is True else "open"

    return deals.apply(category, axis=1)


def test_dim_leads_won_revenue_matches_staging_deals(con, leads):
    deals = df(
        con,
        """
        select merged.surviving_contact_id as lead_id, deals.*
        from staging.stg_crm__deals as deals
        inner join intermediate.int_contacts_merged as merged
            on deals.contact_id = merged.contact_id
        where not deals.is_deleted
        """,
    )
    won = deals[deal_categories(deals) == "won"]
    assert not won.empty
    expected_count = won.groupby("lead_id").size()
    in_eur = won[won["currency_code"] == "EUR"]
    expected = in_eur.groupby("lead_id")["amount"].sum()
    actual = leads.set_index("lead_id")
    assert_same(actual["won_revenue"], expected.reindex(actual.index).fillna(0), "won_revenue")
    assert_same(
        actual["won_deal_count"], expected_count.reindex(actual.index).fillna(0), "won_deal_count"
    )


def test_opportunities_outcomes_match_staging_deals(con):
    deals = df(con, "select * from staging.stg_crm__deals where not is_deleted")
    mart = df(con, "select * from marts.fct_opportunities").set_index("opportunity_id")
    expected = deal_categories(deals).set_axis(deals["deal_id"])
    assert sorted(mart.index) == sorted(expected.index)
    assert (mart["stage_category"] == expected.reindex(mart.index)).all()
    assert (mart["is_closed"] == mart["stage_category"].isin(["won", "lost"])).all()
    closed = mart[mart["is_closed"]]
    assert closed["closed_at"].notna().all() and mart.loc[~mart["is_closed"], "closed_at"].isna().all()
    rate = closed["is_won"].sum() / len(closed)
    assert 0 < rate < 1  # the demo data loses deals as well as wins them


EVENT_DATE_COLUMNS = (
    ("staging.stg_crm__contacts", "created_at"),
    ("staging.stg_crm__contact_property_history", "changed_at"),
    ("staging.stg_crm__engagements", "occurred_at"),
    ("staging.stg_crm__deals", "created_at"),
    ("staging.stg_crm__deals", "closed_at"),
    ("staging.stg_crm__deal_stage_history", "entered_at"),
    ("staging.stg_marketing__form_submissions", "submitted_at"),
    ("staging.stg_marketing__email_events", "occurred_at"),
    ("staging.stg_marketing__engagements", "occurred_at"),
    ("staging.stg_marketing__ad_spend", "spend_date"),
    ("intermediate.int_sessions_aggregated", "session_started_at"),
)


def test_dim_dates_is_a_gapless_calendar(con, project_vars):
    """By default the calendar spans whole months from the earliest to the latest event."""
    dates = df(con, "select date_day, is_business_day from marts.dim_dates order by 1")
    assert project_vars["funnel_start_date"] is None and project_vars["funnel_end_date"] is None
    events = pd.concat(
        [
            pd.to_datetime(df(con, f"select {column} as at from {table}")["at"])
            for table, column in EVENT_DATE_COLUMNS
        ]
    ).dropna()
    first = pd.Timestamp(project_vars["plausible_first_date"])
    events = events[(events >= first) & (events <= pd.Timestamp.now() + pd.Timedelta(days=8))]
    start = events.min().to_period("M").start_time
    end = events.max().to_period("M").end_time.normalize()
    expected = pd.date_range(start, end)
    assert list(pd.to_datetime(dates["date_day"])) == list(expected)
    weekdays = pd.to_datetime(dates["date_day"]).dt.day_of_week + 1
    assert (dates["is_business_day"] == weekdays.isin(project_vars["business_days"])).all()


# ---------------------------------------------------------------------------- cohorts


def test_funnel_cohorts_recomputed(con, funnel):
    mart = df(con, "select * from marts.fct_funnel_cohorts").sort_values(["cohort_month", "channel"])
    frame = funnel.assign(cohort_month=month(funnel["lead_at"]))
    expected = (
        frame.groupby(["cohort_month", "channel"])
        .agg(
            leads_count=("lead_id", "size"),
            mqls_count=("mql_at", "count"),
            sqls_count=("sql_at", "count"),
            opportunities_count=("opportunity_at", "count"),
            customers_count=("customer_at", "count"),
            median_days_mql_to_sql=("days_mql_to_sql", "median"),
            median_days_lead_to_customer=("days_lead_to_customer", "median"),
        )
        .reset_index()
        .sort_values(["cohort_month", "channel"])
    )
    assert list(pd.to_datetime(mart["cohort_month"])) == list(expected["cohort_month"])
    assert list(mart["channel"]) == list(expected["channel"])
    for column in (
        "leads_count",
        "mqls_count",
        "sqls_count",
        "opportunities_count",
        "customers_count",
        "median_days_mql_to_sql",
        "median_days_lead_to_customer",
    ):
        assert_same(mart[column], expected[column], column)
    assert_same(mart["mql_to_sql_rate"], ratio(expected["sqls_count"], expected["mqls_count"]), "mql_to_sql")
    assert_same(
        mart["lead_to_customer_rate"],
        ratio(expected["customers_count"], expected["leads_count"]),
        "lead_to_customer",
    )
    assert_same(
        mart["opportunity_to_customer_rate"],
        ratio(expected["customers_count"], expected["opportunities_count"]),
        "win rate",
    )


def test_mql_sql_conversion_recomputed(con, funnel, project_vars):
    mart = df(con, "select * from marts.fct_mql_sql_conversion")
    cycle = pd.Timedelta(days=project_vars["sales_cycle_days"])
    mqls = funnel[funnel["mql_at"].notna()].assign(month=lambda f: month(f["mql_at"]))
    mqls = mqls.assign(
        in_cycle=(mqls["sql_at"].notna())
        & (mqls["sql_at"] >= mqls["mql_at"])
        & (mqls["sql_at"] <= mqls["mql_at"] + cycle)
    )
    by_mql = mqls.groupby(["month", "channel"]).agg(
        mqls_count=("lead_id", "size"), cohort_sqls_count=("in_cycle", "sum")
    )
    sqls = funnel[funnel["sql_at"].notna()].assign(month=lambda f: month(f["sql_at"]))
    by_sql = sqls.groupby(["month", "channel"]).agg(sqls_count=("lead_id", "size"))
    expected = by_mql.join(by_sql, how="outer").fillna(0).reset_index()
    expected["simple_conversion_rate"] = ratio(expected["sqls_count"], expected["mqls_count"])
    expected["cohort_conversion_rate"] = ratio(expected["cohort_sqls_count"], expected["mqls_count"])
    mart = mart.assign(month=pd.to_datetime(mart["month_start_date"])).sort_values(["month", "channel"])
    expected = expected.sort_values(["month", "channel"])
    assert list(zip(mart["month"], mart["channel"])) == list(zip(expected["month"], expected["channel"]))
    for column in (
        "mqls_count",
        "sqls_count",
        "cohort_sqls_count",
        "simple_conversion_rate",
        "cohort_conversion_rate",
    ):
        assert_same(mart[column], expected[column], column)


# ---------------------------------------------------------------------------- channels


def test_channel_performance_recomputed(con, funnel):
    mart = df(con, "select * from marts.fct_channel_performance")
    keys = ["month", "channel", "campaign"]
    frame = funnel.assign(campaign=funnel["first_touch_campaign"].fillna("(none)"))
    parts = []
    for stage, column in (
        ("lead", "leads_count"),
        ("mql", "mqls_count"),
        ("sql", "sqls_count"),
        ("opportunity", "opportunities_count"),
        ("customer", "customers_count"),
    ):
        rows = frame[frame[f"{stage}_at"].notna()]
        parts.append(
            rows.assign(month=month(rows[f"{stage}_at"])).groupby(keys).size().rename(column)
        )
    # spend: the channel_mapping rules applied in Python, first matching rule by priority
    rules = df(con, "select * from reference.channel_mapping order by priority")
    compiled = [
        (
            like_to_regex(rule.utm_source_pattern),
            like_to_regex(rule.utm_medium_pattern),
            like_to_regex(rule.referrer_host_pattern),
            rule.channel,
        )
        for rule in rules.itertuples()
    ]

    def channel_of(source, medium) -> str:
        source = "(none)" if pd.isna(source) else source
        medium = "(none)" if pd.isna(medium) else medium
        for source_re, medium_re, referrer_re, channel in compiled:
            if source_re.fullmatch(source) and medium_re.fullmatch(medium) and referrer_re.fullmatch("(none)"):
                return channel
        return "other"

    spend = df(con, "select * from staging.stg_marketing__ad_spend")
    spend = spend.assign(
        month=month(spend["spend_date"]),
        channel=[channel_of(s, m) for s, m in zip(spend["utm_source"], spend["utm_medium"])],
        campaign=spend["campaign_name"].fillna("(none)"),
    )
    parts.append(spend.groupby(keys)["spend"].sum().astype(float))
    expected = pd.concat(parts, axis=1).fillna(0).reset_index()
    mart = mart.assign(month=pd.to_datetime(mart["month_start_date"]))
    merged = expected.merge(mart, on=keys, how="outer", suffixes=("_expected", ""), indicator=True)
    only = merged[merged["_merge"] != "both"]
    # rows of the mart with only won revenue (no lead events, no spend) are legitimate
    only_mart = only[(only["_merge"] == "right_only") & (only["won_revenue"] == 0)]
    assert only[only["_merge"] == "left_only"].empty, "mart misses month/channel/campaign rows"
    assert only_mart.empty, "mart has rows with nothing in them"
    merged = merged[merged["_merge"] == "both"]
    for column in ("leads_count", "mqls_count", "sqls_count", "opportunities_count", "customers_count", "spend"):
        assert_same(merged[column], merged[f"{column}_expected"], column)
    for stage in ("lead", "mql", "sql", "customer"):
        counts = "opportunities_count" if stage == "opportunity" else f"{stage}s_count"
        assert_same(merged[f"cost_per_{stage}"], ratio(merged["spend"], merged[counts]), f"cost_per_{stage}")
    month_sqls = merged.groupby("month")["sqls_count"].transform("sum")
    assert_same(merged["sql_share"], ratio(merged["sqls_count"], month_sqls), "sql_share")
    assert np.isclose(mart["spend"].astype(float).sum(), spend["spend"].astype(float).sum())


def test_every_mart_channel_is_a_known_channel(con):
    known = set(df(con, "select channel from marts.dim_channels")["channel"])
    for table in ("dim_leads", "fct_funnel_cohorts", "fct_mql_sql_conversion", "fct_channel_performance"):
        used = set(df(con, f"select distinct channel from marts.{table}")["channel"])
        assert used <= known, f"{table}: unknown channels {used - known}"


# ---------------------------------------------------------------------------- stages


def test_stage_daily_stock_and_flow_recomputed_from_stage_history(con, funnel):
    history = df(con, "select contact_id, stage, valid_from, valid_to from intermediate.int_lead_stages_historized")
    history = history.merge(
        funnel[["lead_id", "channel"]], left_on="contact_id", right_on="lead_id", how="inner"
    )
    history["entered"] = pd.to_datetime(history["valid_from"]).dt.normalize()
    history["exited"] = pd.to_datetime(history["valid_to"]).dt.normalize()
    daily = df(con, "select * from marts.fct_lead_stage_daily")
    daily["date_day"] = pd.to_datetime(daily["date_day"])
    days = sorted(daily["date_day"].unique())
    sample = [days[0], days[len(days) // 3], days[len(days) // 2], days[-30], days[-1]]
    for day in sample:
        in_stage = history[(history["entered"] <= day) & (history["exited"].isna() | (history["exited"] > day))]
        expected = in_stage.groupby(["stage", "channel"]).size()
        entries = history[history["entered"] == day].groupby(["stage", "channel"]).size()
        exits = history[history["exited"] == day].groupby(["stage", "channel"]).size()
        stored = daily[daily["date_day"] == day].set_index(["stage", "channel"])
        for name, series, column in (
            ("stock", expected, "stock_count"),
            ("entries", entries, "entries_count"),
            ("exits", exits, "exits_count"),
        ):
            aligned = series.reindex(stored.index).fillna(0)
            assert series.sum() == aligned.sum(), f"{day}: {name} in stages/channels missing from the mart"
            assert_same(stored[column], aligned, f"{name} on {day:%Y-%m-%d}")


def test_stage_transitions_mirror_stage_history(con):
    history = df(con, "select count(*) as n from intermediate.int_lead_stages_historized")
    transitions = df(con, "select count(*) as n from marts.fct_lead_stage_transitions")
    assert int(history["n"][0]) == int(transitions["n"][0])


# ---------------------------------------------------------------------------- SLA


def business_seconds(start: datetime, end: datetime, open_hour: int, close_hour: int, days: list[int]) -> float:
    total = 0.0
    day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    while day <= end:
        if day.isoweekday() in days:
            opens = day + timedelta(hours=open_hour)
            closes = day + timedelta(hours=close_hour)
            overlap = (min(end, closes) - max(start, opens)).total_seconds()
            total += max(0.0, overlap)
        day += timedelta(days=1)
    return total


def test_sla_clocks_recomputed(con, project_vars):
    sla = df(con, "select * from marts.fct_lead_response_sla")
    assert not sla.empty
    for row in sla.itertuples():
        start, end = row.started_at.to_pydatetime(), row.measured_until_at.to_pydatetime()
        expected_business = business_seconds(
            start, end, project_vars["business_hours_start"], project_vars["business_hours_end"], project_vars["business_days"]
        ) / 3600
        # the mart counts whole seconds (dbt.datediff), so allow one second per day
        tolerance = ((end - start).days + 2) / 3600
        assert abs(row.business_hours - expected_business) <= tolerance, (row.lead_id, row.sla_id)
        assert abs(row.calendar_hours - (end - start).total_seconds() / 3600) <= 1 / 3600
        elapsed = row.business_hours if row.use_business_hours else row.calendar_hours
        assert row.elapsed_hours == pytest.approx(elapsed)
        assert row.is_breached == (row.elapsed_hours > row.target_hours)


def test_first_sales_touch_recomputed_from_staging(con, funnel, project_vars):
    engagements = df(
        con,
        """
        select merged.surviving_contact_id as lead_id, engagements.*, users.role
        from staging.stg_crm__engagements as engagements
        inner join intermediate.int_contacts_merged as merged
            on engagements.contact_id = merged.contact_id
        inner join staging.stg_crm__users as users
            on engagements.owner_id = users.user_id
        """,
    )
    touches = engagements[
        ~engagements["is_deleted"]
        & engagements["engagement_type"].isin(project_vars["sales_touch_engagement_types"])
        & engagements["role"].isin(project_vars["sales_rep_roles"])
        & (engagements["direction"].fillna("outbound") != "inbound")
    ]
    mqls = funnel[funnel["mql_at"].notna()][["lead_id", "mql_at"]]
    joined = mqls.merge(touches[["lead_id", "occurred_at"]], on="lead_id")
    joined = joined[joined["occurred_at"] >= joined["mql_at"]]
    expected = joined.groupby("lead_id")["occurred_at"].min()
    sla = df(con, "select lead_id, responded_at from marts.fct_lead_response_sla where sla_id = 'mql_first_touch'")
    actual = sla.set_index("lead_id")["responded_at"]
    assert set(actual.index) == set(mqls["lead_id"])
    expected = expected.reindex(actual.index)
    assert (actual.isna() == expected.isna()).all()
    assert (actual.dropna() == expected.dropna()).all()


# ---------------------------------------------------------------------------- others


def test_disqualifications_recomputed(con, funnel):
    mart = df(con, "select * from marts.fct_disqualifications")
    dq = funnel[funnel["disqualified_at"].notna()].copy()
    dq["month"] = month(dq["disqualified_at"])
    dq["reason"] = dq["disqualification_reason"].fillna("(not given)")
    dq["recycled"] = dq["recycled_at"].notna() & (dq["recycled_at"] >= dq["disqualified_at"])
    expected = dq.groupby(["month", "channel", "reason"], dropna=False).agg(
        n=("lead_id", "size"), recycled=("recycled", "sum")
    )
    actual = (
        mart.assign(month=pd.to_datetime(mart["month_start_date"]))
        .groupby(["month", "channel", "disqualification_reason"])
        .agg(n=("disqualified_leads_count", "sum"), recycled=("recycled_leads_count", "sum"))
    )
    actual.index.names = expected.index.names
    assert_same(actual["n"].sort_index(), expected["n"].sort_index(), "disqualified")
    assert_same(actual["recycled"].sort_index(), expected["recycled"].sort_index(), "recycled")


def test_threshold_sweep_recomputed(con, funnel, project_vars):
    mart = df(con, "select * from marts.fct_mql_threshold_sweep order by score_threshold")
    scores = df(
        con,
        "select contact_id, valid_from, lead_score, distinct_action_count "
        "from intermediate.int_lead_scores_accumulated",
    )
    # a score state counts only with the written bar's minimum of distinct actions
    scores = scores[scores["distinct_action_count"] >= project_vars["mql_min_distinct_actions"]]
    scores = scores.merge(funnel[["lead_id", "sql_at"]], left_on="contact_id", right_on="lead_id")
    max_score = scores.groupby("lead_id")["lead_score"].max()
    before = scores[scores["sql_at"].isna() | (scores["valid_from"] < scores["sql_at"])]
    max_before = before.groupby("lead_id")["lead_score"].max()
    frame = funnel.set_index("lead_id")
    frame = frame.assign(
        max_score=max_score.reindex(frame.index).fillna(0),
        max_before=max_before.reindex(frame.index).fillna(0),
    )
    sweep = project_vars["mql_threshold_sweep"]
    thresholds = list(range(sweep["start"], sweep["stop"] + 1, sweep["step"]))
    assert list(mart["score_threshold"]) == thresholds
    for row in mart.itertuples():
        reached = frame["max_score"] >= row.score_threshold
        reached_before = frame["max_before"] >= row.score_threshold
        assert row.would_be_mqls_count == reached.sum()
        assert row.would_be_mqls_sqls_count == (reached & frame["is_sql"]).sum()
        assert row.would_be_mqls_customers_count == (reached & frame["is_customer"]).sum()
        assert row.missed_customers_count == (~reached & frame["is_customer"]).sum()
        assert row.would_be_mqls_before_sql_count == reached_before.sum()
        caught = (reached_before & frame["is_sql"]).sum()
        assert row.sqls_count == frame["is_sql"].sum()
        assert row.sql_capture_rate == pytest.approx(caught / frame["is_sql"].sum())
        assert row.is_current_threshold == (row.score_threshold == project_vars["mql_score_threshold"])


def test_content_performance_recomputed(con, funnel):
    mart = df(con, "select * from marts.fct_content_performance").set_index("content_id")
    views = df(
        con,
        "select content_id, anonymous_id, contact_id, viewed_at "
        "from intermediate.int_page_views_stitched where content_id is not null",
    )
    by_content = views.groupby("content_id").agg(
        page_views=("anonymous_id", "size"), readers=("anonymous_id", "nunique")
    )
    by_content = by_content.reindex(mart.index).fillna(0)
    assert_same(mart["page_views_count"], by_content["page_views"], "page views")
    assert_same(mart["readers_count"], by_content["readers"], "readers")
    lead_views = views.merge(funnel[["lead_id", "mql_at", "is_mql"]], left_on="contact_id", right_on="lead_id")
    lead_views = lead_views[lead_views["mql_at"].isna() | (lead_views["viewed_at"] <= lead_views["mql_at"])]
    influenced = lead_views.groupby("content_id")["lead_id"].nunique().reindex(mart.index).fillna(0)
    mqls = (
        lead_views[lead_views["is_mql"]].groupby("content_id")["lead_id"].nunique().reindex(mart.index).fillna(0)
    )
    assert_same(mart["leads_influenced_count"], influenced, "leads influenced")
    assert_same(mart["reader_mql_conversion_rate"], ratio(mqls, influenced), "reader MQL conversion")
