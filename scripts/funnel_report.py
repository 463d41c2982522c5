"""Static HTML funnel report built from the marts of the lead_lifecycle warehouse.

    python -m scripts.funnel_report --db warehouse/lead_lifecycle.duckdb --out reports/funnel

Reads only the `marts` schema (read-only connection) and writes `<out>/index.html`: one
page, no server, plotly.js inlined once (no CDN, works offline). Sections:

    funnel                 leads -> MQL -> SQL -> opportunity -> customer (dim_leads)
    conversion             MQL->SQL conversion by month and channel (fct_mql_sql_conversion)
    velocity               median days between stages by cohort month (fct_funnel_cohorts)
    sla                    response-SLA breach share by month (fct_lead_response_sla)
    threshold              where to set the MQL bar (fct_mql_threshold_sweep)
    compliance             definition compliance (marts.fct_definition_compliance, if built)

Every chart lives in a `<div class="chart" id="chart-<name>">`; the pytest opens the page
in headless Chromium and checks that plotly drew an svg in each of them.
"""

from __future__ import annotations

import argparse
import html
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import yaml
from plotly.offline import get_plotlyjs

SCHEMA = "marts"
PROJECT_FILE = Path(__file__).resolve().parents[1] / "dbt_project.yml"
STAGES = (
    ("leads", "Leads"),
    ("mqls", "MQLs"),
    ("sqls", "SQLs"),
    ("opportunities", "Opportunities"),
    ("customers", "Customers"),
)


@dataclass
class Section:
    name: str
    title: str
    explanation: str
    figure: go.Figure | None
    note: str = ""


def project_var(name: str, default: object = None) -> object:
    """A var of dbt_project.yml (the business rules), or the default when unavailable."""
    try:
        return yaml.safe_load(PROJECT_FILE.read_text())["vars"].get(name, default)
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return default


def table_exists(con: duckdb.DuckDBPyConnection, table: str, schema: str = SCHEMA) -> bool:
    query = (
        "select count(*) from information_schema.tables "
        "where table_schema = ? and table_name = ?"
    )
    return con.execute(query, [schema, table]).fetchone()[0] > 0


def read(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return con.execute(sql).df()


def funnel_section(con: duckdb.DuckDBPyConnection) -> Section:
    totals = read(
        con,
        f"""
        select
            count(*) as leads,
            count(mql_at) as mqls,
            count(sql_at) as sqls,
            count(opportunity_at) as opportunities,
            count(customer_at) as customers
        from {SCHEMA}.dim_leads
        where is_funnel_lead
        """,
    ).iloc[0]
    figure = go.Figure(
        go.Funnel(
            y=[label for _, label in STAGES],
            x=[int(totals[column]) for column, _ in STAGES],
            textinfo="value+percent initial+percent previous",
        )
    )
    figure.update_layout(margin=dict(l=120, r=20, t=20, b=20), height=380)
    return Section(
        "funnel",
        "Lead funnel",
        "Funnel leads (not suspects, not deleted) that ever reached each stage.",
        figure,
    )


def conversion_section(con: duckdb.DuckDBPyConnection) -> Section:
    frame = read(
        con,
        f"""
        select
            month_start_date,
            channel,
            sum(mqls_count) as mqls,
            sum(sqls_count) as sqls,
            sum(cohort_sqls_count) as cohort_sqls
        from {SCHEMA}.fct_mql_sql_conversion
        group by 1, 2
        order by 1, 2
        """,
    )
    figure = go.Figure()
    for channel, rows in frame.groupby("channel", sort=True):
        rate = rows["cohort_sqls"] / rows["mqls"].where(rows["mqls"] > 0)
        figure.add_trace(
            go.Scatter(x=rows["month_start_date"], y=rate, mode="lines+markers", name=channel)
        )
    overall = frame.groupby("month_start_date", as_index=False)[["mqls", "sqls"]].sum()
    figure.add_trace(
        go.Scatter(
            x=overall["month_start_date"],
            y=overall["sqls"] / overall["mqls"].where(overall["mqls"] > 0),
            mode="lines",
            name="all channels (simple)",
            line=dict(dash="dash", color="black"),
        )
    )
    figure.update_layout(
        yaxis_title="MQL -> SQL conversion", yaxis_tickformat=".0%", height=420
    )
    return Section(
        "conversion",
        "MQL to SQL conversion by month and channel",
        "Lines per channel: cohort conversion (MQLs of the month that became SQL within the "
        "sales cycle). Dashed: simple conversion (SQLs of the month / MQLs of the month).",
        figure,
    )


def velocity_section(con: duckdb.DuckDBPyConnection) -> Section:
    frame = read(
        con,
        f"""
        select
            lead_month as cohort_month,
            median(days_lead_to_mql) as lead_to_mql,
            median(days_mql_to_sql) as mql_to_sql,
            median(days_sql_to_opportunity) as sql_to_opportunity,
            median(days_opportunity_to_customer) as opportunity_to_customer
        from {SCHEMA}.dim_leads
        where is_funnel_lead
        group by 1
        order by 1
        """,
    )
    figure = go.Figure()
    for column in ("lead_to_mql", "mql_to_sql", "sql_to_opportunity", "opportunity_to_customer"):
        figure.add_trace(
            go.Bar(x=frame["cohort_month"], y=frame[column], name=column.replace("_", " "))
        )
    figure.update_layout(barmode="group", yaxis_title="median days", height=420)
    return Section(
        "velocity",
        "Funnel velocity",
        "Median days between stages for the leads created in each month.",
        figure,
    )


def sla_section(con: duckdb.DuckDBPyConnection) -> Section:
    frame = read(
        con,
        f"""
        select
            started_month,
            sla_id,
            count(*) as clocks,
            sum(case when is_breached then 1 else 0 end) as breaches
        from {SCHEMA}.fct_lead_response_sla
        group by 1, 2
        order by 1, 2
        """,
    )
    figure = go.Figure()
    for sla_id, rows in frame.groupby("sla_id", sort=True):
        figure.add_trace(
            go.Scatter(
                x=rows["started_month"],
                y=rows["breaches"] / rows["clocks"],
                mode="lines+markers",
                name=sla_id,
            )
        )
    limit = project_var("mql_sla_breach_share_limit")
    if limit is not None:
        figure.add_hline(
            y=float(limit), line_dash="dot", annotation_text="agreed limit (first touch)"
        )
    figure.update_layout(yaxis_title="share breached", yaxis_tickformat=".0%", height=400)
    return Section(
        "sla",
        "Response SLA breaches",
        "Share of MQLs / SQLs per month whose response came later than the target of "
        "seeds/marts/sla_policy.csv (or is still missing past it).",
        figure,
    )


def threshold_section(con: duckdb.DuckDBPyConnection) -> Section:
    frame = read(
        con,
        f"select * from {SCHEMA}.fct_mql_threshold_sweep order by score_threshold",
    )
    figure = go.Figure()
    for column, label in (
        ("would_be_mqls_count", "would be MQL"),
        ("would_be_mqls_sqls_count", "... and became SQL"),
        ("would_be_mqls_customers_count", "... and became customer"),
        ("missed_customers_count", "customers missed by the bar"),
    ):
        figure.add_trace(
            go.Scatter(x=frame["score_threshold"], y=frame[column], mode="lines+markers", name=label)
        )
    current = frame.loc[frame["is_current_threshold"], "score_threshold"]
    if not current.empty:
        figure.add_vline(x=float(current.iloc[0]), line_dash="dot", annotation_text="current bar")
    figure.update_layout(xaxis_title="lead score threshold", yaxis_title="leads", height=420)
    return Section(
        "threshold",
        "Where to set the MQL bar",
        "For each candidate score threshold: how many leads would have been MQL (max score "
        "reached), how many of them became SQL and customer, and how many customers it misses.",
        figure,
    )


def compliance_section(con: duckdb.DuckDBPyConnection) -> Section:
    if not table_exists(con, "fct_definition_compliance"):
        return Section(
            "compliance",
            "Definition compliance",
            "Violations of the written MQL/SQL definitions per rule.",
            None,
            note="marts.fct_definition_compliance is not built in this warehouse.",
        )
    frame = read(
        con,
        f"""
        select
            rule_id,
            sum(rows_checked) as rows_checked,
            sum(violations) as violations
        from {SCHEMA}.fct_definition_compliance
        group by 1
        order by 1
        """,
    )
    rate = frame["violations"] / frame["rows_checked"].where(frame["rows_checked"] > 0)
    figure = go.Figure(
        go.Bar(x=frame["rule_id"], y=rate.fillna(0), text=frame["violations"], name="violation rate")
    )
    figure.update_layout(yaxis_title="violation rate", yaxis_tickformat=".1%", height=380)
    return Section(
        "compliance",
        "Definition compliance",
        "Share of checked rows that violate each rule of seeds definition_rules "
        "(labels: number of violating rows).",
        figure,
    )


SECTION_BUILDERS = (
    funnel_section,
    conversion_section,
    velocity_section,
    sla_section,
    threshold_section,
    compliance_section,
)


def build_sections(db_path: Path) -> list[Section]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return [builder(con) for builder in SECTION_BUILDERS]
    finally:
        con.close()


def render_html(sections: list[Section]) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Lead funnel report</title>",
        "<style>body{font-family:sans-serif;margin:2em auto;max-width:1100px}"
        ".note{color:#666}</style>",
        f'<script type="text/javascript">{get_plotlyjs()}</script>',
        "</head><body>",
        "<h1>Lead funnel report</h1>",
        "<p>Built from the marts schema of the lead_lifecycle warehouse.</p>",
    ]
    for section in sections:
        parts.append(f'<section id="section-{section.name}">')
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        parts.append(f"<p>{html.escape(section.explanation)}</p>")
        if section.figure is not None:
            parts.append(
                section.figure.to_html(
                    full_html=False,
                    include_plotlyjs=False,
                    div_id=f"chart-{section.name}",
                    config={"displayModeBar": False},
                ).replace("<div>", '<div class="chart">', 1)
            )
        if section.note:
            parts.append(f'<p class="note">{html.escape(section.note)}</p>')
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(db_path: Path, out_dir: Path) -> Path:
    sections = build_sections(db_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    target.write_text(render_html(sections), encoding="utf-8")
    return target


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="DuckDB warehouse file")
    parser.add_argument(
        "--out", type=Path, default=Path("reports/funnel"), help="output folder (index.html)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"warehouse file not found: {args.db}")
    target = write_report(args.db, args.out)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
