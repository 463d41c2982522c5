"""Validate the raw files against the raw data contract before dbt builds anything.

    python -m scripts.validate_raw --raw-dir data/raw [--docs-dir reports/gx/raw]
        [--vars '{raw_csv_encoding: latin-1}'] [--csv-options '{"crm/contacts.csv": {delimiter: ";"}}']

Every file is read the way staging reads it (macros raw_reader and contract_typed_rows,
doc blocks staging_raw_files and staging_usable_row): by DuckDB, a CSV as text with the
columns of its header, split by the delimiter among , ; tab | that splits the header
into the most fields unless the var `raw_csv_options` sets it, in the encoding of
`raw_csv_encoding` or `raw_csv_options`, with lines up to `raw_csv_max_line_bytes`.
Those vars come from dbt_project.yml, overridden by `--vars` (the same text given to
`dbt build --vars`) and `--csv-options` (a value for `raw_csv_options`). Each value is
then parsed and checked with staging's rules, in DuckDB's SQL, so that every row is
found usable, nulled or quarantined exactly as staging will; a great-expectations suite
per table, run on a pandas dataframe of (a sample of) the checked rows, reports each
problem with its file, column and lines, and builds the Data Docs.

Findings come in two kinds, and their messages say what staging does:

* hard: `dbt build` fails. The file is missing, has zero bytes, lacks a contract
  column (optional contract columns may be absent) or, declared latin-1, holds a byte
  DuckDB's latin-1 reader refuses: the same words as dbt's warning, as
  `stg_quarantine__raw_files` fails the build; DuckDB cannot read the file at all; or
  more of a table's rows would be quarantined than its limit (var
  `quarantine_share_limit`, per table `quarantine_share_limits`, never for at most
  `quarantine_row_allowance` rows), which fails the test `quarantine_share_within_limit`.
* soft: staging copes, a data owner should know. Rows quarantined ("staging quarantines
  these rows": a required value empty, unparseable or implausible; a CSV line that
  cannot be split into the header's columns), optional values nulled ("staging sets
  these values to null and keeps the row"), a header-only file, values outside the
  contract's lists (kept and named by warn-level tests), keys repeated with different
  contents (the latest version is kept).

CSV line numbers count records as DuckDB and staging do (the header is line 1), which
is the line in the file unless an earlier field holds a line break; Parquet rows are
numbered from 1. The script never stops on a file: a file it cannot read is a finding
and the other files are still validated. Exit status 1 when a finding is hard. Large
files are sampled for the expectations (`--sample-rows`); the row counts and the
quarantine share are computed on every row.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from scripts.contract import CONTRACT, Table
from scripts.raw_files import (
    DATE_TYPES,
    DBT_FAILS,
    EMAIL_PATTERN,
    PROJECT_DIR,
    RawFileError,
    RawRead,
    RawSettings,
    checked_rows_sql,
    con_today,
    delimiter_advice,
    empty_file_problem,
    encoding_advice,
    first_line,
    header_split,
    missing_column_problem,
    missing_file_problem,
    no_contract_column_problem,
    raw_location,
    read_csv_file,
    read_parquet_file,
)

EXAMPLE_ROWS = 3
LISTED_LINES = 20


@dataclass
class Finding:
    """One problem, readable without knowing great-expectations."""

    file: str
    column: str | None
    check: str
    severity: str  # hard | soft
    message: str
    unexpected_count: int = 0
    rows_checked: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # CSV lines / Parquet rows (first ones)

    def describe(self) -> str:
        where = f"{self.file}" + (f", column {self.column}" if self.column else "")
        if self.lines:
            kind = "line" if self.file.endswith(".csv") else "row"
            more = ", ..." if self.unexpected_count > len(self.lines) else ""
            where += f", {kind}{'s' if len(self.lines) > 1 else ''} " + ", ".join(
                str(n) for n in self.lines
            ) + more
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
    """Turn failed expectation results into findings with lines and example rows.

    A frame with a `__line` (CSV) or `__row` (Parquet) column gives each row's place in
    the file; otherwise the frame's index is taken as the 0-based data row.
    """
    findings: list[Finding] = []
    place = "__line" if "__line" in frame.columns else "__row" if "__row" in frame.columns else None
    for result in results:
        if result.success:
            continue
        config = result.expectation_config
        error = (result.exception_info or {}).get("exception_message") if isinstance(
            result.exception_info, dict) else None
        if error or any(isinstance(v, dict) and v.get("raised_exception")
                        for v in (result.exception_info or {}).values()):
            message = error or next(
                v.get("exception_message") for v in result.exception_info.values()
                if isinstance(v, dict) and v.get("raised_exception"))
            findings.append(Finding(
                file=file, column=(config.meta or {}).get("column", config.kwargs.get("column")),
                check=config.type, severity="soft",
                message=f"could not be checked: {message}",
            ))
            continue
        meta = config.meta or {}
        column = config.kwargs.get("column")
        shown_column = meta.get("column", column)
        detail = result.result or {}
        examples: list[dict[str, Any]] = []
        lines: list[int] = []
        indexes = detail.get("unexpected_index_list") or detail.get("partial_unexpected_index_list") or []
        for index in indexes:
            if isinstance(index, dict):  # some expectations give the row as a dict
                if len(examples) < EXAMPLE_ROWS:
                    examples.append({k: _plain(v) for k, v in index.items()})
                continue
            if index not in frame.index:
                continue
            row = frame.loc[index]
            if place:
                number = int(row[place])
            else:
                number = int(index) + (2 if file.endswith(".csv") else 1)
            if len(lines) < LISTED_LINES:
                lines.append(number)
            if len(examples) >= EXAMPLE_ROWS:
                continue
            example = {"line": number} if file.endswith(".csv") else {"row": number}
            for key in key_columns:
                key_text = f"{key}__text" if f"{key}__text" in frame.columns else key
                if key_text in frame.columns:
                    example[key] = _plain(row[key_text])
            value_column = meta.get("value_column", column)
            if value_column and value_column in frame.columns and shown_column not in example:
                example[shown_column] = _plain(row[value_column])
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
                column=shown_column,
                check=config.type,
                severity=meta.get("severity", "soft"),
                message=meta.get("message", config.type),
                unexpected_count=int(detail.get("unexpected_count") or 0),
                rows_checked=int(detail.get("element_count") or len(frame)),
                examples=examples,
                lines=sorted(lines),
            )
        )
    return findings


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, np.ndarray)):
        return [_plain(v) for v in value][:10]
    if value is None or (not isinstance(value, dict) and pd.isna(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "..."
    if isinstance(value, (int, float, bool, str)):
        return value
    return str(value)


# ------------------------------------------------------------------- expectations

STAGING_QUARANTINES = "staging quarantines these rows"
STAGING_NULLS = "staging sets these values to null and keeps the row"


def expectations_for(table: Table, frame_columns: list[str], settings: RawSettings) -> list[Any]:
    """The expectations of one contract table on the checked rows' frame (soft)."""
    import great_expectations as gx

    exp = gx.expectations
    first = int(settings.plausible_first_date.replace("-", ""))
    last = int(
        con_today(settings.plausible_future_days).strftime("%Y%m%d")
    )
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
        name = column.name
        if f"{name}__text" not in frame_columns:
            continue
        outcome = STAGING_QUARANTINES if column.required else STAGING_NULLS
        where = {"column": name, "value_column": f"{name}__text"}
        if column.required:
            out.append(exp.ExpectColumnValuesToNotBeNull(
                column=f"{name}__text",
                meta={**where, "severity": "soft",
                      "message": f"required column empty: {STAGING_QUARANTINES}"},
            ))
        if f"{name}__unparseable" in frame_columns:
            out.append(exp.ExpectColumnValuesToBeNull(
                column=f"{name}__unparseable",
                meta={**where, "severity": "soft",
                      "message": f"values that do not parse as {column.type}: {outcome}"},
            ))
        if column.type in DATE_TYPES:
            out.append(exp.ExpectColumnValuesToBeBetween(
                column=f"{name}__date",
                min_value=first,
                max_value=last,
                meta={**where, "severity": "soft",
                      "message": f"implausible dates, before {settings.plausible_first_date} or more "
                      f"than {settings.plausible_future_days} days after today (vars "
                      f"plausible_first_date, plausible_future_days): {outcome}"},
            ))
        if column.non_negative:
            out.append(exp.ExpectColumnValuesToBeBetween(
                column=f"{name}__number",
                min_value=0,
                meta={**where, "severity": "soft",
                      "message": f"negative values in a count or an amount: {outcome}"},
            ))
        if column.email:
            out.append(exp.ExpectColumnValuesToMatchRegex(
                column=f"{name}__text",
                regex=EMAIL_PATTERN,
                meta={**where, "severity": "soft",
                      "message": f"text that is not an e-mail address: {outcome}"},
            ))
        if column.accepted_values:
            out.append(exp.ExpectColumnValuesToBeInSet(
                column=f"{name}__text",
                value_set=list(column.accepted_values),
                meta={**where, "severity": "soft",
                      "message": "values outside the contract's list: staging keeps them as "
                      "exported and a warn-level unknown_values_* test of dbt build names them"},
            ))
    return out


def key_expectation(table: Table, frame: pd.DataFrame) -> list[Any]:
    import great_expectations as gx

    exp = gx.expectations
    message = (
        "the same key with different contents: staging keeps the latest version and counts "
        "the others as superseded"
    )
    keys = [f"{k}__key" for k in table.primary_key]
    if not all(k in frame.columns for k in keys):
        return []
    meta = {"severity": "soft", "message": message, "column": ", ".join(table.primary_key),
            "value_column": keys[0]}
    if len(keys) == 1:
        return [exp.ExpectColumnValuesToBeUnique(column=keys[0], meta=meta)]
    return [exp.ExpectCompoundColumnsToBeUnique(column_list=keys, meta=meta)]


# ----------------------------------------------------------------------- validate


def rejected_line_findings(table: Table, read: RawRead) -> list[Finding]:
    """Lines DuckDB could not split: quarantined by staging with their line number."""
    findings: list[Finding] = []
    rejected = read.rejected
    if rejected.empty:
        return findings
    encoding = rejected[rejected["error_type"] == "INVALID ENCODING"]
    other = rejected[rejected["error_type"] != "INVALID ENCODING"]
    for error_type, group in other.groupby("error_type", sort=True):
        findings.append(Finding(
            file=table.relative_path,
            column=None,
            check="csv_lines",
            severity="soft",
            message=f"lines that cannot be split into the header's columns ({error_type}):"
            " staging quarantines these lines with the reason shown",
            unexpected_count=len(group),
            rows_checked=read.raw_rows,
            examples=[{"reason": r.reason, "text": _plain(str(r.csv_line).strip())}
                      for r in group.head(EXAMPLE_ROWS).itertuples()],
            lines=[int(n) for n in group["line"].head(LISTED_LINES)],
        ))
    if not encoding.empty:
        findings.append(encoding_finding(table, read, encoding))
    return findings


def encoding_finding(table: Table, read: RawRead, lines: pd.DataFrame) -> Finding:
    """Lines not valid in the configured encoding: what was seen and the setting."""
    path = read.path
    encoding = read.encoding or "utf-8"
    first = int(lines["line"].iloc[0])
    offset = int(lines["line_byte_position"].iloc[0])
    with path.open("rb") as handle:
        handle.seek(offset)
        raw = handle.readline().rstrip(b"\r\n")
    byte_text = ""
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as error:
        byte_text = f" has byte 0x{raw[error.start]:02X}, which is not {_encoding_name(encoding)}"
    except LookupError:
        pass
    saw = f"line {first}{byte_text or ' is not valid ' + encoding}; {header_split(path, encoding)}"
    return Finding(
        file=table.relative_path,
        column=None,
        check="csv_encoding",
        severity="soft",
        message=f"{len(lines)} line(s) are not valid {encoding} ({saw}): staging quarantines these"
        f" lines; {encoding_advice(path, table, encoding)}",
        unexpected_count=len(lines),
        rows_checked=read.raw_rows,
        examples=[{"reason": r.reason, "text": _plain(str(r.csv_line).strip())}
                  for r in lines.head(EXAMPLE_ROWS).itertuples()],
        lines=[int(n) for n in lines["line"].head(LISTED_LINES)],
    )


def _encoding_name(encoding: str) -> str:
    return "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding


def file_lines(read: RawRead, positions: pd.Series, is_csv: bool) -> pd.Series:
    """The CSV line (record number, header = 1) or Parquet row of each read row."""
    if not is_csv:
        return positions + 1
    rejected = set(int(n) for n in read.rejected["line"]) if not read.rejected.empty else set()
    candidates = np.arange(2, read.good_rows + len(rejected) + 2)
    good = candidates[~np.isin(candidates, list(rejected))][: read.good_rows]
    return pd.Series(good[positions.to_numpy()], index=positions.index)


def header_findings(table: Table, read: RawRead, location: str) -> list[Finding]:
    """Contract columns the file lacks, in dbt's words, with the dialect that has them."""
    found = list(read.columns)
    missing = [c.name for c in table.columns if c.name not in read.columns and not c.optional]
    advice = None
    if missing and table.file_format == "csv":
        advice = delimiter_advice(read.path, table, read.encoding or "utf-8", missing)
    findings = [
        Finding(
            file=table.relative_path, column=column, check="column_exists", severity="hard",
            message=missing_column_problem(location, column, found) + DBT_FAILS
            + (f"; {advice}" if advice else ""),
        )
        for column in missing
    ]
    if table.file_format == "csv" and not any(c.name in read.columns for c in table.columns):
        findings.append(Finding(
            file=table.relative_path, column=None, check="csv_dialect", severity="hard",
            message=no_contract_column_problem(
                location, table, read.encoding or "", read.delimiter or ","
            ) + DBT_FAILS,
        ))
    return findings


def row_counts(con: duckdb.DuckDBPyConnection, read: RawRead) -> dict[str, int]:
    """The reconciliation of stg_quarantine__row_counts, from the checked rows."""
    rows, quarantined, nulled, distinct_rows, distinct_keys = (int(v) for v in con.execute(
        """
        select
            count(*),
            count(__quarantine_reason),
            count(case when __quarantine_reason is null then __nulled_reason end),
            count(distinct case when __quarantine_reason is null then __raw_values end),
            count(distinct case when __quarantine_reason is null then __key end)
        from checked
        """
    ).fetchone())
    usable = rows - quarantined
    return {
        "rows": read.raw_rows,
        "staged_rows": distinct_keys,
        "exact_duplicate_rows": usable - distinct_rows,
        "superseded_rows": distinct_rows - distinct_keys,
        "quarantined_rows": quarantined + len(read.rejected),
        "nulled_rows": nulled,
    }


def quarantine_share_finding(
    con: duckdb.DuckDBPyConnection, table: Table, read: RawRead, settings: RawSettings, quarantined: int
) -> list[Finding]:
    """Hard when staging's test quarantine_share_within_limit fails on this table."""
    if not settings.exceeds_quarantine_limit(table, quarantined, read.raw_rows):
        return []
    reasons = con.execute(
        "select __quarantine_reason, count(*) from checked where __quarantine_reason is not null"
        " group by 1 order by 2 desc limit 3"
    ).fetchall()
    if len(read.rejected):
        reasons.append(("CSV lines that cannot be split or decoded", len(read.rejected)))
    return [Finding(
        file=table.relative_path, column=None, check="quarantine_share", severity="hard",
        message=f"{quarantined} of {read.raw_rows} rows ({quarantined / read.raw_rows:.0%}) go to the"
        f" quarantine, above the table's limit of {settings.share_limit(table):.0%} (var"
        " quarantine_share_limit or quarantine_share_limits) and more than"
        f" {settings.quarantine_row_allowance} rows (var quarantine_row_allowance): staging's test"
        " quarantine_share_within_limit fails the build",
        unexpected_count=quarantined, rows_checked=read.raw_rows,
        examples=[{"reason": _plain(reason), "rows": count} for reason, count in reasons],
    )]


def checked_frame(
    con: duckdb.DuckDBPyConnection, table: Table, read: RawRead, sample_rows: int
) -> pd.DataFrame:
    """(A sample of) the checked rows in file order, with each row's line or row number."""
    rows = con.execute("select count(*) from checked").fetchone()[0]
    sample = f" using sample reservoir({sample_rows} rows) repeatable (7)" if rows > sample_rows else ""
    frame = con.execute(
        f"select * exclude (__raw_values, __key) from (select * from checked{sample})"
        " order by __position"
    ).df()
    for key in table.primary_key:
        frame[f"{key}__key"] = frame[key].astype(object).where(frame[key].notna(), None)
    is_csv = table.file_format == "csv"
    frame["__line" if is_csv else "__row"] = file_lines(read, frame["__position"], is_csv)
    return frame.astype(object).where(frame.notna(), None)


def expectation_findings(
    context: Any, datasource: Any, table: Table, frame: pd.DataFrame, settings: RawSettings
) -> list[Finding]:
    """The GX suites of one table: its values, then its keys (on usable, distinct rows)."""
    name = f"raw__{table.source}__{table.name}"
    keys = list(table.primary_key)
    results = run_suite(context, datasource, name, frame, expectations_for(table, list(frame.columns), settings))
    findings = findings_from_results(results, table.relative_path, frame, keys)
    text_columns = [f"{c.name}__text" for c in table.columns if f"{c.name}__text" in frame.columns]
    usable = frame[frame["__quarantine_reason"].isna()].drop_duplicates(subset=text_columns)
    if len(usable):
        key_results = run_suite(context, datasource, f"{name}__keys", usable, key_expectation(table, usable))
        findings += findings_from_results(key_results, table.relative_path, usable, keys)
    return findings


def validate_table(
    context: Any,
    datasource: Any,
    con: duckdb.DuckDBPyConnection,
    raw_dir: str,
    table: Table,
    settings: RawSettings,
    sample_rows: int,
) -> tuple[list[Finding], dict[str, Any]]:
    """Validate one raw file; return its findings and a summary line."""
    path = Path(raw_dir) / table.relative_path
    summary: dict[str, Any] = {"file": table.relative_path, "rows": 0, "rows_checked": 0}
    location = raw_location(raw_dir, table)

    def unusable(check: str, message: str, line: int | None = None) -> list[Finding]:
        return [Finding(file=table.relative_path, column=None, check=check, severity="hard",
                        message=message, lines=[line] if line else [])]

    if not path.exists():
        return unusable("file_exists", missing_file_problem(raw_dir, table) + DBT_FAILS), summary
    if path.stat().st_size == 0:
        return unusable("file_not_empty", empty_file_problem(raw_dir, table) + DBT_FAILS), summary
    try:
        if table.file_format == "csv":
            read = read_csv_file(con, path, table, settings, location)
        else:
            read = read_parquet_file(con, path, table)
    except RawFileError as error:
        return unusable(error.check, error.message, error.line), summary
    findings = header_findings(table, read, location) + rejected_line_findings(table, read)
    con.execute(f"create or replace temp table checked as {checked_rows_sql(table, read, settings)}")
    summary.update(row_counts(con, read), csv_delimiter=read.delimiter, csv_encoding=read.encoding)
    findings += quarantine_share_finding(con, table, read, settings, summary["quarantined_rows"])
    frame = checked_frame(con, table, read, sample_rows)
    summary["rows_checked"] = len(frame)
    findings += expectation_findings(context, datasource, table, frame, settings)
    return findings, summary


def validate_raw(
    raw_dir: Path | str,
    docs_dir: Path,
    settings: RawSettings | None = None,
    sample_rows: int = 50_000,
    tables: list[Table] | None = None,
) -> tuple[list[Finding], list[dict[str, Any]]]:
    """Validate every contract table under raw_dir; build Data Docs under docs_dir."""
    settings = settings or RawSettings.load()
    context = build_context(docs_dir)
    datasource = context.data_sources.add_pandas("raw_files")
    findings: list[Finding] = []
    summaries: list[dict[str, Any]] = []
    con = duckdb.connect()
    try:
        for table in tables or list(CONTRACT):
            try:
                table_findings, summary = validate_table(
                    context, datasource, con, str(raw_dir), table, settings, sample_rows
                )
            except Exception as error:  # noqa: BLE001 - one file must not stop the others
                table_findings = [Finding(
                    file=table.relative_path, column=None, check="validate_raw_error",
                    severity="hard",
                    message=f"validate_raw could not check this file ({type(error).__name__}:"
                    f" {first_line(error)}); run dbt build to see what staging makes of it",
                )]
                summary = {"file": table.relative_path, "rows": 0, "rows_checked": 0}
            summary["hard"] = sum(f.severity == "hard" for f in table_findings)
            summary["soft"] = sum(f.severity == "soft" for f in table_findings)
            findings += table_findings
            summaries.append(summary)
    finally:
        con.close()
    context.build_data_docs()
    return findings, summaries


def write_summary(path: Path, findings: list[Finding], summaries: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"files": summaries, "findings": [asdict(f) for f in findings]}
    path.write_text(json.dumps(payload, indent=2, default=str))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw-dir", required=True, help="folder with crm/, marketing/, web/ (as LEAD_LIFECYCLE_RAW_DIR)")
    parser.add_argument("--docs-dir", type=Path, default=Path("reports/gx/raw"), help="GX Data Docs output")
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR, help="dbt project whose vars apply")
    parser.add_argument("--vars", help="YAML mapping of dbt vars, as given to dbt build --vars")
    parser.add_argument(
        "--csv-options",
        help='YAML value of the var raw_csv_options, e.g. \'{"crm/contacts.csv": {encoding: latin-1}}\'',
    )
    parser.add_argument("--sample-rows", type=int, default=50_000, help="rows the expectations check per file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    settings = RawSettings.load(args.project_dir, args.vars, args.csv_options)
    findings, summaries = validate_raw(args.raw_dir, args.docs_dir, settings, args.sample_rows)
    write_summary(args.docs_dir / "summary.json", findings, summaries)
    for summary in summaries:
        print(
            f"  {summary['file']:<40} rows={summary['rows']:>8} checked={summary['rows_checked']:>8}"
            f" quarantined={summary.get('quarantined_rows', 0):>6} nulled={summary.get('nulled_rows', 0):>6}"
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
