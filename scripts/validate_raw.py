"""Validate the raw files against the raw data contract before dbt builds anything.

    python -m scripts.validate_raw --raw-dir data/raw [--docs-dir reports/gx/raw]

Every table of `scripts/contract.py` becomes a great-expectations suite run on a pandas
dataframe (GX's SQL datasource does not work on DuckDB, and the files are read in
place by dbt anyway). Findings come in two kinds:

* hard: the build cannot give right answers. A file or a contract column is missing
  (optional contract columns may be absent), a file has zero bytes, or a *required*
  column has more empty or unparseable values than the quarantine tolerates (staging quarantines such rows, but beyond `--quarantine-tolerance` of the
  rows something upstream is broken). The script exits with status 1 and names the
  file, the column and example rows.
* soft: staging copes (it dedupes, normalises and nulls bad optional values) but a
  data owner should know: a header-only file (a system the company does not use),
  duplicate keys beyond exact duplicate rows, values outside the accepted list (kept
  and reported), unparseable optional values, negative amounts or durations,
  timestamps outside a plausible range.

Large web files are sampled (`--sample-rows`) so the check stays fast. GX Data Docs
(HTML) and a JSON summary are written under `--docs-dir`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
from tqdm import tqdm

from scripts.contract import CONTRACT, Table

# Regular expressions for the logical types of scripts/contract.py, applied to the
# text of each value (parquet values are rendered to text first).
TYPE_PATTERNS: dict[str, str] = {
    "string": r"(?s).*",
    "integer": r"^\s*[+-]?\d+(?:\.0+)?\s*$",
    "decimal": r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$",
    "boolean": r"^\s*(?i:true|false|t|f|1|0)\s*$",
    "timestamp": (
        r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?"
        r"\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
    ),
    "epoch_ms": r"^\s*\d{10,13}(?:\.0+)?\s*$",
    "date": r"^\s*\d{4}-\d{2}-\d{2}\s*$",
}
NUMERIC_TYPES = ("integer", "decimal")
# Columns that measure something and cannot be negative.
NON_NEGATIVE_HINTS = (
    "amount", "duration", "numberofemployees", "annualrevenue",
    "impressions", "clicks", "spend",
)
PLAUSIBLE_FIRST_TIMESTAMP = pd.Timestamp("2000-01-01", tz="UTC")
PLAUSIBLE_LAST_TIMESTAMP = pd.Timestamp("2100-01-01", tz="UTC")
EXAMPLE_ROWS = 3


@dataclass
class Finding:
    """One failed expectation, readable without knowing great-expectations."""

    file: str
    column: str | None
    check: str
    severity: str  # hard | soft
    message: str
    unexpected_count: int = 0
    rows_checked: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def describe(self) -> str:
        where = f"{self.file}" + (f", column {self.column}" if self.column else "")
        text = f"[{self.severity.upper()}] {where}: {self.message}"
        if self.unexpected_count:
            text += f" ({self.unexpected_count} of {self.rows_checked} rows)"
        for example in self.examples:
            text += f"\n        e.g. {example}"
        return text


# --------------------------------------------------------------------------- GX setup


def build_context(docs_dir: Path) -> Any:
    """An ephemeral GX context whose Data Docs site is written under docs_dir."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    docs_dir.mkdir(parents=True, exist_ok=True)
    context.add_data_docs_site(
        site_name="lead_lifecycle",
        site_config={
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir.resolve()),
            },
        },
    )
    return context


def run_suite(
    context: Any,
    datasource: Any,
    name: str,
    frame: pd.DataFrame,
    expectations: list[Any],
) -> list[Any]:
    """Run one suite on one dataframe (results go to Data Docs); return the results."""
    import great_expectations as gx

    asset = datasource.add_dataframe_asset(name=name)
    batch_definition = asset.add_batch_definition_whole_dataframe(f"{name}__all")
    suite = context.suites.add(gx.ExpectationSuite(name=name))
    for expectation in expectations:
        suite.add_expectation(expectation)
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(data=batch_definition, suite=suite, name=name)
    )
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name=f"{name}__checkpoint",
            validation_definitions=[validation],
            actions=[],
            result_format={"result_format": "SUMMARY"},
        )
    )
    result = checkpoint.run(batch_parameters={"dataframe": frame})
    return [r for run in result.run_results.values() for r in run.results]


def findings_from_results(
    results: list[Any], file: str, frame: pd.DataFrame, key_columns: list[str]
) -> list[Finding]:
    """Turn failed expectation results into findings with example rows."""
    findings: list[Finding] = []
    for result in results:
        if result.success:
            continue
        config = result.expectation_config
        meta = config.meta or {}
        column = config.kwargs.get("column")
        detail = result.result or {}
        examples: list[dict[str, Any]] = []
        indexes = detail.get("partial_unexpected_index_list") or detail.get("unexpected_index_list") or []
        for index in indexes[:EXAMPLE_ROWS]:
            if isinstance(index, dict):  # some expectations give the row as a dict
                examples.append({k: _plain(v) for k, v in index.items()})
                continue
            if index not in frame.index:
                continue
            row = frame.loc[index]
            # CSV: the line in the file (line 1 is the header); parquet: the 1-based row
            example = {"line": int(index) + 2} if file.endswith(".csv") else {"row": int(index) + 1}
            for key in key_columns:
                if key in frame.columns:
                    example[key] = _plain(row[key])
            if column and column in frame.columns:
                example[column] = _plain(row[column])
            examples.append(example)
        if not examples:
            examples = [
                {"value": _plain(v)}
                for v in (detail.get("partial_unexpected_list") or [])[:EXAMPLE_ROWS]
            ]
        if detail.get("observed_value") is not None and not examples:
            examples = [{"observed": _plain(detail["observed_value"])}]
        findings.append(
            Finding(
                file=file,
                column=column,
                check=config.type,
                severity=meta.get("severity", "soft"),
                message=meta.get("message", config.type),
                unexpected_count=int(detail.get("unexpected_count") or 0),
                rows_checked=int(detail.get("element_count") or len(frame)),
                examples=examples,
            )
        )
    return findings


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value][:10]
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    if isinstance(value, (int, float, bool, str)):
        return value
    return str(value)


# ------------------------------------------------------------------------ reading


def read_table(path: Path, table: Table, sample_rows: int) -> tuple[pd.DataFrame, int]:
    """Read a raw file as text columns (empty = null); sample large files.

    Returns the frame and the number of rows in the file.
    """
    if table.file_format == "csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    else:
        parquet = pq.ParquetFile(path)
        total = parquet.metadata.num_rows
        frame = parquet.read().to_pandas()
        if total > sample_rows:  # keeps the original row positions as the index
            frame = frame.sample(n=sample_rows, random_state=7).sort_index()
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                frame[column] = frame[column].map(
                    lambda v: None if pd.isna(v) else v.isoformat()
                )
            elif not pd.api.types.is_string_dtype(frame[column]):
                frame[column] = frame[column].map(lambda v: None if pd.isna(v) else str(v))
        frame = frame.astype(object).where(frame.notna(), None)
        return frame, total
    total = len(frame)
    frame = frame.astype(object).where(frame.notna(), None)
    if total > sample_rows:
        frame = frame.sample(n=sample_rows, random_state=7).sort_index()
    return frame, total


def add_parsed_columns(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Add `<column>__value` columns holding numbers / UTC timestamps for range checks."""
    frame = frame.copy()
    for column in table.columns:
        if column.name not in frame.columns:
            continue
        if column.type in NUMERIC_TYPES:
            frame[f"{column.name}__value"] = pd.to_numeric(frame[column.name], errors="coerce")
        elif column.type == "timestamp":
            frame[f"{column.name}__value"] = pd.to_datetime(
                frame[column.name], errors="coerce", utc=True, format="ISO8601"
            )
        elif column.type == "epoch_ms":
            frame[f"{column.name}__value"] = pd.to_datetime(
                pd.to_numeric(frame[column.name], errors="coerce"), unit="ms", utc=True
            )
    return frame


# ------------------------------------------------------------------- expectations


def expectations_for(table: Table, present: list[str], tolerance: float) -> list[Any]:
    """The expectations of one contract table, each tagged hard or soft in meta."""
    import great_expectations as gx

    exp = gx.expectations
    required_mostly = max(0.0, 1.0 - tolerance)
    out: list[Any] = [
        exp.ExpectTableRowCountToBeBetween(
            min_value=1,
            meta={
                "severity": "soft",
                "message": "header only, no rows: fine when the company does not use this "
                "system (the marts show zeros for it)",
            },
        )
    ]
    for column in table.columns:
        if column.name not in present:
            continue
        name = column.name
        if column.required:
            # hard beyond the quarantine's tolerance; any such row is reported (soft)
            out.append(
                exp.ExpectColumnValuesToNotBeNull(
                    column=name,
                    mostly=required_mostly,
                    meta={
                        "severity": "hard",
                        "message": f"required column is empty in more than "
                        f"{tolerance:.0%} of the rows (the quarantine's tolerance)",
                    },
                )
            )
            out.append(
                exp.ExpectColumnValuesToNotBeNull(
                    column=name,
                    meta={
                        "severity": "soft",
                        "message": "required column empty: staging quarantines these rows",
                    },
                )
            )
        if column.type != "string":
            out.append(
                exp.ExpectColumnValuesToMatchRegex(
                    column=name,
                    regex=TYPE_PATTERNS[column.type],
                    meta={
                        "severity": "soft",
                        "message": f"values do not parse as {column.type} ("
                        + (
                            "staging quarantines these rows)"
                            if column.required
                            else "staging turns them into nulls)"
                        ),
                    },
                )
            )
            if column.required:
                out.append(
                    exp.ExpectColumnValuesToMatchRegex(
                        column=name,
                        regex=TYPE_PATTERNS[column.type],
                        mostly=required_mostly,
                        meta={
                            "severity": "hard",
                            "message": f"values do not parse as {column.type} in more than "
                            f"{tolerance:.0%} of the rows (the quarantine's tolerance)",
                        },
                    )
                )
        if column.accepted_values:
            out.append(
                exp.ExpectColumnValuesToBeInSet(
                    column=name,
                    value_set=list(column.accepted_values),
                    meta={"severity": "soft", "message": "values outside the contract's accepted list"},
                )
            )
        if column.type in NUMERIC_TYPES and any(h in name.lower() for h in NON_NEGATIVE_HINTS):
            out.append(
                exp.ExpectColumnValuesToBeBetween(
                    column=f"{name}__value",
                    min_value=0,
                    meta={"severity": "soft", "message": f"negative {name}"},
                )
            )
        if column.type in ("timestamp", "epoch_ms"):
            out.append(
                exp.ExpectColumnValuesToBeBetween(
                    column=f"{name}__value",
                    min_value=PLAUSIBLE_FIRST_TIMESTAMP,
                    max_value=PLAUSIBLE_LAST_TIMESTAMP,
                    meta={
                        "severity": "soft",
                        "message": f"{name} outside {PLAUSIBLE_FIRST_TIMESTAMP.date()}"
                        f" .. {PLAUSIBLE_LAST_TIMESTAMP.date()}",
                    },
                )
            )
    keys = [k for k in table.primary_key if k in present]
    if keys and len(keys) == len(table.primary_key):
        message = "primary key not unique after removing exact duplicate rows (staging dedupes)"
        if len(keys) == 1:
            out.append(
                exp.ExpectColumnValuesToBeUnique(
                    column=keys[0], meta={"severity": "soft", "message": message}
                )
            )
        else:
            out.append(
                exp.ExpectCompoundColumnsToBeUnique(
                    column_list=keys, meta={"severity": "soft", "message": message}
                )
            )
    return out


# ----------------------------------------------------------------------- validate


def validate_table(
    context: Any,
    datasource: Any,
    raw_dir: Path,
    table: Table,
    tolerance: float,
    sample_rows: int,
) -> tuple[list[Finding], dict[str, Any]]:
    """Validate one raw file; return its findings and a summary line."""
    path = raw_dir / table.relative_path
    summary: dict[str, Any] = {"file": table.relative_path, "rows": 0, "rows_checked": 0}
    if not path.exists():
        return [
            Finding(
                file=table.relative_path,
                column=None,
                check="file_exists",
                severity="hard",
                message=f"file missing: expected {path}",
            )
        ], summary
    if path.stat().st_size == 0:
        return [
            Finding(
                file=table.relative_path,
                column=None,
                check="file_not_empty",
                severity="hard",
                message=f"file is empty (0 bytes): {path}; export it with its header row "
                "even when the system has no data (a header-only file is valid input)",
            )
        ], summary
    frame, total = read_table(path, table, sample_rows)
    summary.update(rows=total, rows_checked=len(frame))
    findings: list[Finding] = []
    optional = {c.name for c in table.columns if c.optional}
    missing = [c for c in table.column_names if c not in frame.columns and c not in optional]
    for column in missing:
        findings.append(
            Finding(
                file=table.relative_path,
                column=column,
                check="column_exists",
                severity="hard",
                message="contract column missing from the file header",
                examples=[{"header": list(frame.columns)[:12]}],
            )
        )
    present = [c for c in table.column_names if c in frame.columns]
    # Exact duplicate rows are a known trait of CRM exports; staging removes them.
    deduped = frame.drop_duplicates()  # the index keeps each row's place in the file
    summary["exact_duplicate_rows"] = len(frame) - len(deduped)
    checked = add_parsed_columns(deduped, table)
    results = run_suite(
        context,
        datasource,
        f"raw__{table.source}__{table.name}",
        checked,
        expectations_for(table, present, tolerance),
    )
    table_findings = findings_from_results(
        results, table.relative_path, checked, list(table.primary_key)
    )
    hard = {(f.column, f.check) for f in table_findings if f.severity == "hard"}
    findings += [
        f for f in table_findings if f.severity == "hard" or (f.column, f.check) not in hard
    ]
    summary["quarantined_rows_estimate"] = max(
        [f.unexpected_count for f in table_findings if "quarantine" in f.message] or [0]
    )
    return findings, summary


def validate_raw(
    raw_dir: Path,
    docs_dir: Path,
    tolerance: float = 0.02,
    sample_rows: int = 50_000,
    tables: list[Table] | None = None,
) -> tuple[list[Finding], list[dict[str, Any]]]:
    """Validate every contract table under raw_dir; build Data Docs under docs_dir."""
    context = build_context(docs_dir)
    datasource = context.data_sources.add_pandas("raw_files")
    findings: list[Finding] = []
    summaries: list[dict[str, Any]] = []
    for table in tqdm(tables or list(CONTRACT), desc="raw files", unit="file"):
        table_findings, summary = validate_table(
            context, datasource, raw_dir, table, tolerance, sample_rows
        )
        summary["hard"] = sum(f.severity == "hard" for f in table_findings)
        summary["soft"] = sum(f.severity == "soft" for f in table_findings)
        findings += table_findings
        summaries.append(summary)
    context.build_data_docs()
    return findings, summaries


def write_summary(path: Path, findings: list[Finding], summaries: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"files": summaries, "findings": [asdict(f) for f in findings]}
    path.write_text(json.dumps(payload, indent=2, default=str))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw-dir", type=Path, required=True, help="folder with crm/, marketing/, web/")
    parser.add_argument("--docs-dir", type=Path, default=Path("reports/gx/raw"), help="GX Data Docs output")
    parser.add_argument(
        "--quarantine-tolerance",
        type=float,
        default=0.02,
        help="share of rows a required column may lose to the quarantine before it is a hard failure",
    )
    parser.add_argument("--sample-rows", type=int, default=50_000, help="rows sampled from large files")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    findings, summaries = validate_raw(
        args.raw_dir, args.docs_dir, args.quarantine_tolerance, args.sample_rows
    )
    write_summary(args.docs_dir / "summary.json", findings, summaries)
    for summary in summaries:
        print(
            f"  {summary['file']:<40} rows={summary['rows']:>8} checked={summary['rows_checked']:>8}"
            f" hard={summary.get('hard', 0)} soft={summary.get('soft', 0)}"
        )
    for finding in sorted(findings, key=lambda f: (f.severity != "hard", f.file)):
        print(finding.describe())
    hard = [f for f in findings if f.severity == "hard"]
    print(f"Data Docs: {args.docs_dir / 'index.html'}")
    if hard:
        print(f"validate_raw: {len(hard)} hard failure(s); fix the raw files before building.", file=sys.stderr)
        return 1
    print(f"validate_raw: OK ({len(findings)} soft finding(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
