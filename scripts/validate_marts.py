"""Validate the public marts after the build, with great-expectations on pandas.

    python -m scripts.validate_marts --db warehouse/lead_lifecycle.duckdb \
        [--target-path target] [--docs-dir reports/gx/marts]

The marts are what BI tools read, so this is the consumer's check, independent of dbt:
every table of the `marts` schema is read (sampled above `--sample-rows`) and held to

* its documented interface (hard): the columns documented in the model's yml, read from
  dbt's manifest, are exactly the table's columns; columns dbt tests as unique /
  not_null / accepted_values hold that in the data;
* business expectations (hard) for the marts that carry the definitions: funnel dates
  in order in dim_leads, non-negative clocks in fct_lead_response_sla, rates between 0
  and 1 and violations within rows checked in fct_definition_compliance;
* an empty mart is reported (soft).

GX Data Docs are written under `--docs-dir`. Exit status 1 on any hard failure.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from tqdm import tqdm

from scripts.validate_raw import Finding, build_context, findings_from_results, run_suite, write_summary

FUNNEL_ORDER = ("lead_at", "mql_at", "sql_at", "opportunity_at", "customer_at")


def read_mart(connection: Any, schema: str, table: str, sample_rows: int) -> tuple[pd.DataFrame, int]:
    total = connection.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]
    query = f'select * from "{schema}"."{table}"'
    if total > sample_rows:
        query += f" using sample {int(sample_rows)} rows (reservoir, 7)"
    frame = connection.execute(query).df()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            frame[column] = frame[column].dt.tz_convert("UTC").dt.tz_localize(None)
    return frame, total


def manifest_interfaces(manifest: dict[str, Any] | None, schema: str) -> dict[str, dict[str, Any]]:
    """Per mart table: documented columns, and columns tested unique / not_null / accepted."""
    if not manifest:
        return {}
    interfaces: dict[str, dict[str, Any]] = {}
    models: dict[str, str] = {}
    for unique_id, node in manifest.get("nodes", {}).items():
        if node.get("resource_type") == "model" and node.get("schema") == schema:
            name = node.get("alias") or node["name"]
            models[unique_id] = name
            interfaces[name] = {
                "columns": [c.lower() for c in node.get("columns", {})],
                "unique": [],
                "not_null": [],
                "accepted_values": {},
            }
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") != "test":
            continue
        attached = node.get("attached_node")
        column = node.get("column_name")
        test = (node.get("test_metadata") or {}).get("name")
        if attached not in models or not column or node.get("config", {}).get("where"):
            continue
        interface = interfaces[models[attached]]
        if test in ("unique", "not_null"):
            interface[test].append(column.lower())
        elif test == "accepted_values":
            kwargs = (node.get("test_metadata") or {}).get("kwargs", {})
            values = kwargs.get("values") or (kwargs.get("arguments") or {}).get("values")
            if isinstance(values, list):
                interface["accepted_values"][column.lower()] = values
    return interfaces


def expectations_for(table: str, frame: pd.DataFrame, interface: dict[str, Any] | None) -> list[Any]:
    import great_expectations as gx

    exp = gx.expectations
    columns = set(frame.columns)
    out: list[Any] = [
        exp.ExpectTableRowCountToBeBetween(
            min_value=1, meta={"severity": "soft", "message": "the mart is empty"}
        )
    ]
    if interface:
        if interface["columns"]:
            out.append(
                exp.ExpectTableColumnsToMatchSet(
                    column_set=interface["columns"],
                    exact_match=True,
                    meta={
                        "severity": "hard",
                        "message": "table columns differ from the documented interface (yml)",
                    },
                )
            )
        for column in interface["unique"]:
            if column in columns:
                out.append(
                    exp.ExpectColumnValuesToBeUnique(
                        column=column, meta={"severity": "hard", "message": "key not unique"}
                    )
                )
        for column in interface["not_null"]:
            if column in columns:
                out.append(
                    exp.ExpectColumnValuesToNotBeNull(
                        column=column, meta={"severity": "hard", "message": "null in a not-null column"}
                    )
                )
        for column, values in interface["accepted_values"].items():
            if column in columns:
                out.append(
                    exp.ExpectColumnValuesToBeInSet(
                        column=column,
                        value_set=values,
                        meta={"severity": "hard", "message": "value outside the accepted list"},
                    )
                )
    if table == "dim_leads":
        present = [c for c in FUNNEL_ORDER if c in columns]
        for earlier, later in zip(present, present[1:]):
            out.append(
                exp.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A=later,
                    column_B=earlier,
                    or_equal=True,
                    ignore_row_if="either_value_is_missing",
                    meta={"severity": "hard", "message": f"{later} before {earlier}"},
                )
            )
    if table == "fct_lead_response_sla":
        for column in ("elapsed_hours", "calendar_hours", "business_hours"):
            if column in columns:
                out.append(
                    exp.ExpectColumnValuesToBeBetween(
                        column=column,
                        min_value=0,
                        meta={"severity": "hard", "message": f"negative {column}"},
                    )
                )
    if table == "fct_definition_compliance":
        out.append(
            exp.ExpectColumnValuesToBeBetween(
                column="violation_rate",
                min_value=0,
                max_value=1,
                meta={"severity": "hard", "message": "violation rate outside 0..1"},
            )
        )
        out.append(
            exp.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="rows_checked",
                column_B="violations",
                or_equal=True,
                meta={"severity": "hard", "message": "more violations than rows checked"},
            )
        )
    return out


def validate_marts(
    db_path: Path,
    docs_dir: Path,
    manifest: dict[str, Any] | None = None,
    schema: str = "marts",
    sample_rows: int = 200_000,
) -> tuple[list[Finding], list[dict[str, Any]]]:
    connection = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? order by table_name",
                [schema],
            ).fetchall()
        ]
        if not tables:
            return [
                Finding(
                    file=str(db_path),
                    column=None,
                    check="schema_exists",
                    severity="hard",
                    message=f"no tables in schema {schema}: was dbt build run on this file?",
                )
            ], []
        interfaces = manifest_interfaces(manifest, schema)
        context = build_context(docs_dir)
        datasource = context.data_sources.add_pandas("marts")
        findings: list[Finding] = []
        summaries: list[dict[str, Any]] = []
        for table in tqdm(tables, desc="marts", unit="table"):
            frame, total = read_mart(connection, schema, table, sample_rows)
            results = run_suite(
                context,
                datasource,
                f"marts__{table}",
                frame,
                expectations_for(table, frame, interfaces.get(table)),
            )
            table_findings = findings_from_results(
                results, f"{schema}.{table}", frame, list(frame.columns[:1])
            )
            findings += table_findings
            summaries.append(
                {
                    "file": f"{schema}.{table}",
                    "rows": total,
                    "rows_checked": len(frame),
                    "hard": sum(f.severity == "hard" for f in table_findings),
                    "soft": sum(f.severity == "soft" for f in table_findings),
                }
            )
        context.build_data_docs()
        return findings, summaries
    finally:
        connection.close()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="DuckDB warehouse file")
    parser.add_argument("--target-path", type=Path, default=Path("target"), help="dbt target (manifest.json)")
    parser.add_argument("--docs-dir", type=Path, default=Path("reports/gx/marts"), help="GX Data Docs output")
    parser.add_argument("--schema", default="marts")
    parser.add_argument("--sample-rows", type=int, default=200_000)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    if not args.db.exists():
        print(f"validate_marts: {args.db} does not exist; run dbt build first", file=sys.stderr)
        return 1
    manifest_path = args.target_path / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else None
    if manifest is None:
        print(f"validate_marts: no {manifest_path}; documented-interface checks skipped")
    findings, summaries = validate_marts(args.db, args.docs_dir, manifest, args.schema, args.sample_rows)
    write_summary(args.docs_dir / "summary.json", findings, summaries)
    for summary in summaries:
        print(
            f"  {summary['file']:<40} rows={summary['rows']:>8} checked={summary['rows_checked']:>8}"
            f" hard={summary['hard']} soft={summary['soft']}"
        )
    for finding in sorted(findings, key=lambda f: (f.severity != "hard", f.file)):
        print(finding.describe())
    print(f"Data Docs: {args.docs_dir / 'index.html'}")
    hard = [f for f in findings if f.severity == "hard"]
    if hard:
        print(f"validate_marts: {len(hard)} hard failure(s) in the public marts.", file=sys.stderr)
        return 1
    print(f"validate_marts: OK ({len(findings)} soft finding(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
