"""How staging reads and judges the raw files, in Python and DuckDB's SQL.

The macros raw_reader, contract_typed_rows and base_model_config (doc blocks
staging_raw_files and staging_usable_row) decide how every raw file is read and which
rows are usable, nulled or quarantined. scripts/validate_raw.py must say the same
before dbt runs, so this module repeats those rules for DuckDB, word for word where
dbt prints them:

* RawSettings: the dbt vars that decide it (dbt_project.yml, --vars, --csv-options);
* the problems that make a file unusable as a whole, in raw_reader's words;
* read_csv_file / read_parquet_file: the file read as raw_reader reads it (the
  delimiter rule, the encoding, the line limit, DuckDB's rejected lines);
* checked_rows_sql: every row typed and judged as contract_typed_rows does;
* diagnosis of a CSV read with the wrong dialect: what was seen, which setting reads it.

tests_py/test_validate_raw.py compares the patterns and words with the macros.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import yaml

from scripts.contract import Table

PROJECT_DIR = Path(__file__).resolve().parents[1]
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}
DBT_FAILS = " (stg_quarantine__raw_files fails the build)"
LATIN1_NAMES = ("latin-1", "latin1", "iso-8859-1")

# Staging's parsing rules (macros parse_*.sql), in DuckDB's SQL. A test compares each
# pattern with its macro, so the two cannot drift apart.
INTEGER_PATTERN = "^[-+]?[0-9]{1,18}$"
DECIMAL_PATTERN = "^[-+]?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$"
EPOCH_PATTERN = "^[0-9]{1,15}$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ISO_LOCAL_PART = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)?"
ISO_WITH_OFFSET = ISO_LOCAL_PART + " ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$"
ISO_WITHOUT_OFFSET = ISO_LOCAL_PART + "$"
EMAIL_PATTERN = "^[^@ ]+@[^@ ]+[.][^@ .]+$"
EPOCH_SECONDS_BELOW = 100_000_000_000
NUMERIC_TYPE = "numeric(28, 6)"  # dbt.type_numeric() on DuckDB
DATE_TYPES = ("timestamp", "epoch_ms", "date")
# macro rejected_line_error_order: which of DuckDB's entries for a line describes it
REJECTED_LINE_ORDER = (
    "struct_pack(field_order := case when error_type = 'TOO MANY COLUMNS'"
    " then -cast(column_idx as bigint) else cast(column_idx as bigint) end,"
    " byte_at := byte_position)"
)


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class RawSettings:
    """The dbt vars that decide how staging reads and judges the raw files."""

    csv_options: dict[str, dict[str, Any]]
    csv_encoding: str = "utf-8"
    max_line_bytes: int = 134_217_728
    plausible_first_date: str = "2000-01-01"
    plausible_future_days: int = 7
    time_zone: str = "UTC"
    quarantine_share_limit: float = 0.05
    quarantine_share_limits: dict[str, float] = field(default_factory=dict)
    quarantine_row_allowance: int = 5

    @classmethod
    def load(
        cls,
        project_dir: Path = PROJECT_DIR,
        vars_text: str | None = None,
        csv_options_text: str | None = None,
    ) -> RawSettings:
        """dbt_project.yml's vars, overridden by --vars, then by --csv-options."""
        project = yaml.safe_load((project_dir / "dbt_project.yml").read_text()) or {}
        values: dict[str, Any] = dict(project.get("vars") or {})
        values.update(_yaml_mapping(vars_text, "--vars"))
        if csv_options_text:
            values["raw_csv_options"] = _yaml_mapping(csv_options_text, "--csv-options")
        return cls(
            csv_options=dict(values.get("raw_csv_options") or {}),
            csv_encoding=str(values.get("raw_csv_encoding") or "utf-8"),
            max_line_bytes=int(values.get("raw_csv_max_line_bytes") or 134_217_728),
            plausible_first_date=str(values.get("plausible_first_date") or "2000-01-01"),
            plausible_future_days=int(values.get("plausible_future_days", 7)),
            time_zone=str(values.get("raw_timestamp_time_zone") or "UTC"),
            quarantine_share_limit=float(values.get("quarantine_share_limit", 0.05)),
            quarantine_share_limits={
                str(k): float(v) for k, v in (values.get("quarantine_share_limits") or {}).items()
            },
            quarantine_row_allowance=int(values.get("quarantine_row_allowance", 5)),
        )

    def dialect(self, table: Table) -> tuple[str | None, str]:
        """(configured delimiter or None, encoding) of a CSV, as raw_reader decides."""
        options = self.csv_options.get(table.relative_path) or {}
        return options.get("delimiter"), str(options.get("encoding") or self.csv_encoding)

    def share_limit(self, table: Table) -> float:
        return self.quarantine_share_limits.get(
            f"{table.source}.{table.name}", self.quarantine_share_limit
        )

    def exceeds_quarantine_limit(self, table: Table, quarantined: int, rows: int) -> bool:
        """As stg_quarantine__row_counts.is_within_quarantine_limit, negated."""
        return (
            rows > 0
            and quarantined / rows > self.share_limit(table)
            and quarantined > self.quarantine_row_allowance
        )


def con_today(plus_days: int) -> date:
    """Today + plus_days as staging computes it (DuckDB's current_timestamp, its time zone)."""
    with duckdb.connect() as con:
        return con.execute(
            f"select cast(date_add(current_timestamp, interval ({int(plus_days)}) day) as date)"
        ).fetchone()[0]


def _yaml_mapping(text: str | None, option: str) -> dict[str, Any]:
    if not text:
        return {}
    value = yaml.safe_load(text)
    if not isinstance(value, dict):
        raise SystemExit(f"validate_raw: {option} must be a YAML mapping, got {text!r}")
    return value


# ------------------------------------------------------- dbt's words (macro raw_reader)


def raw_location(raw_dir: str, table: Table) -> str:
    return f"raw file {raw_dir}/{table.relative_path}"


def missing_file_problem(raw_dir: str, table: Table) -> str:
    return (
        f"{raw_location(raw_dir, table)} is missing (LEAD_LIFECYCLE_RAW_DIR={raw_dir}): export it,"
        " with its header row only when the system has no data"
    )


def empty_file_problem(raw_dir: str, table: Table) -> str:
    return (
        f"{raw_location(raw_dir, table)} is empty (0 bytes): export it with its header row, even"
        " when the system has no data (a header-only file is valid input)"
    )


def missing_column_problem(location: str, column: str, found: list[str]) -> str:
    return f"{location} lacks contract column {column} (columns found: {', '.join(found)})"


def latin1_refused_problem(location: str, line: int, byte: int) -> str:
    return (
        f"{location} has byte 0x{byte:02X} on line {line}, which DuckDB's latin-1 reader refuses"
        " (a Windows-1252 character such as the euro sign or a curly quote): convert the file"
        " to UTF-8 (iconv -f windows-1252 -t utf-8) and drop its encoding from raw_csv_options"
    )


def no_contract_column_problem(location: str, table: Table, encoding: str, delimiter: str) -> str:
    return (
        f"{location} has none of the contract columns in its first line read as {encoding}"
        f" split by '{delimiter}': set its encoding or delimiter in the var raw_csv_options,"
        f' for example {{"{table.relative_path}": {{encoding: latin-1, delimiter: ";"}}}}'
    )


def csv_header_delimiter(header_line: str) -> str:
    """The delimiter among , ; tab | that splits the header into the most fields."""
    best, fields = ",", 1
    for candidate in DELIMITERS:
        count = len(header_line.split(candidate))
        if count > fields:
            best, fields = candidate, count
    return best


def header_columns(header_line: str, delimiter: str) -> tuple[list[str], dict[str, str]]:
    """Reader column names by position and the contract-visible names, as raw_reader."""
    positions: list[str] = []
    names: dict[str, str] = {}
    for index, field_text in enumerate(header_line.split(delimiter), start=1):
        name = field_text.strip().replace('"', "").lower()
        if name and name not in names:
            names[name] = "VARCHAR"
            positions.append(name)
        else:  # an empty or repeated header name: keep the position, ignore the values
            positions.append(f"column_{index}")
    return positions, names


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# ------------------------------------------------------------------------ reading


@dataclass
class RawRead:
    """One raw file as staging reads it, loaded into a DuckDB temporary table."""

    path: Path
    relation: str
    columns: dict[str, str]  # lower-case name -> DuckDB type
    good_rows: int
    rejected: pd.DataFrame  # line, error_type, reason (as staging's), csv_line, line_byte_position
    delimiter: str | None = None
    encoding: str | None = None
    header_line: str = ""

    @property
    def raw_rows(self) -> int:
        return self.good_rows + len(self.rejected)


class RawFileError(Exception):
    """A file that cannot be read at all: what is wrong, where, and what staging does."""

    def __init__(self, check: str, message: str, line: int | None = None):
        super().__init__(message)
        self.check, self.message, self.line = check, message, line


def read_csv_file(
    con: duckdb.DuckDBPyConnection, path: Path, table: Table, settings: RawSettings, location: str
) -> RawRead:
    """Read a CSV as raw_reader does into a temporary table; RawFileError when it cannot."""
    configured_delimiter, encoding = settings.dialect(table)
    quoted = _sql_text(str(path))
    if encoding.lower().replace("_", "-") in LATIN1_NAMES:
        refused = first_latin1_refused(path)
        if refused:
            raise RawFileError(
                "csv_readable", latin1_refused_problem(location, *refused) + DBT_FAILS, refused[0]
            )
    try:
        rows = con.execute(
            f"select line from read_csv({quoted}, header = false, auto_detect = false,"
            " columns = {'line': 'VARCHAR'}, delim = chr(31), quote = '', escape = '',"
            f" encoding = {_sql_text(encoding)}, max_line_size = {settings.max_line_bytes},"
            " ignore_errors = true, parallel = false) limit 1"
        ).fetchall()
    except duckdb.Error as error:
        raise unreadable_csv_error(path, table, encoding, None, error) from error
    header_line = (rows[0][0] or "") if rows else ""
    delimiter = configured_delimiter or csv_header_delimiter(header_line)
    positions, columns = header_columns(header_line, delimiter)
    relation = f"raw__{table.source}__{table.name}"
    rejects = f"rejects__{table.source}__{table.name}"
    for name in (relation, rejects, f"{rejects}_scan"):
        con.execute(f"drop table if exists {name}")
    reader_columns = ", ".join(f"{_sql_text(name)}: 'VARCHAR'" for name in positions)
    try:
        con.execute(
            f"create temp table {relation} as select * from read_csv({quoted}, header = true,"
            f" auto_detect = false, columns = {{{reader_columns}}}, delim = {_sql_text(delimiter)},"
            f" quote = '\"', escape = '\"', encoding = {_sql_text(encoding)},"
            f" max_line_size = {settings.max_line_bytes}, store_rejects = true,"
            f" rejects_table = '{rejects}', rejects_scan = '{rejects}_scan')"
        )
    except duckdb.Error as error:
        raise unreadable_csv_error(path, table, encoding, delimiter, error) from error
    # DuckDB notes a line once per missing or extra field: one entry per line, the one
    # staging's post-hook keeps (macro rejected_lines_inserted)
    rejected = con.execute(
        f"""
        select
            line,
            arg_min(error_type, {REJECTED_LINE_ORDER}) as error_type,
            'line ' || cast(line as varchar) || ': ' || arg_min(
                error_message || ' (' || error_type || ')', {REJECTED_LINE_ORDER}
            ) as reason,
            min(csv_line) as csv_line,
            min(line_byte_position) as line_byte_position
        from {rejects}
        group by line
        order by line
        """
    ).df()
    good_rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
    return RawRead(path, relation, columns, good_rows, rejected, delimiter, encoding, header_line)


def read_parquet_file(con: duckdb.DuckDBPyConnection, path: Path, table: Table) -> RawRead:
    """Read a Parquet file as raw_reader does; RawFileError when DuckDB cannot."""
    relation = f"raw__{table.source}__{table.name}"
    con.execute(f"drop table if exists {relation}")
    try:
        con.execute(
            f"create temp table {relation} as select * from read_parquet({_sql_text(str(path))})"
        )
    except duckdb.Error as error:
        raise RawFileError(
            "file_readable",
            f"DuckDB cannot read it as Parquet: {first_line(error)}; staging's base model"
            f" base_{table.source}__{table.name} fails on it",
        ) from error
    columns = {
        row[0].lower(): row[1].upper()
        for row in con.execute(f"describe select * from {relation}").fetchall()
    }
    good_rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
    empty = pd.DataFrame(columns=["line", "error_type", "reason", "csv_line", "line_byte_position"])
    return RawRead(path, relation, columns, good_rows, empty)


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


# ------------------------------------------------------------ dialect diagnosis


def _lines_of(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """(line number, byte offset, bytes without the line break) of every physical line."""
    offset = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            yield number, offset, line.rstrip(b"\r\n")
            offset += len(line)


def first_undecodable(path: Path, encoding: str) -> tuple[int, int] | None:
    """(physical line, byte) of the first byte the encoding cannot decode, or None."""
    for number, _, line in _lines_of(path):
        try:
            line.decode(encoding)
        except UnicodeDecodeError as error:
            return number, line[error.start]
        except LookupError:
            return None
    return None


def first_latin1_refused(path: Path) -> tuple[int, int] | None:
    """(line, byte) of the first byte 0x80-0x9F, which DuckDB's latin-1 reader refuses."""
    for number, _, line in _lines_of(path):
        match = re.search(rb"[\x80-\x9f]", line)
        if match:
            return number, line[match.start()]
    return None


def decodes_as(path: Path, encoding: str) -> bool:
    return first_undecodable(path, encoding) is None


def header_split(path: Path, encoding: str) -> str:
    """What the header line looks like to the delimiter rule, in words."""
    with path.open("rb") as handle:
        raw = handle.readline().rstrip(b"\r\n")
    text = raw.decode(encoding if decodes_bytes(raw, encoding) else "latin-1")
    text = text.lstrip("\ufeff")
    best = csv_header_delimiter(text)
    fields = len(text.split(best))
    return f"the header splits into {fields} field{'s' if fields != 1 else ''} with {DELIMITER_NAMES[best]}"


def decodes_bytes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def encoding_advice(path: Path, table: Table, encoding: str) -> str:
    """Which setting reads the file: UTF-8, Latin-1, or a conversion DuckDB needs."""
    if encoding.lower().replace("_", "-") not in ("utf-8", "utf8") and decodes_as(path, "utf-8"):
        return (
            "the file is valid UTF-8: remove its encoding from raw_csv_options"
            " (raw_csv_encoding is utf-8 by default)"
        )
    refused = first_latin1_refused(path)
    if refused is None:
        return f'set raw_csv_options: {{"{table.relative_path}": {{encoding: latin-1}}}}'
    line, byte = refused
    return (
        f"line {line} has byte 0x{byte:02X}, which DuckDB's latin-1 reader refuses (a Windows-1252"
        " character such as the euro sign or a curly quote): convert the file to UTF-8 (iconv -f"
        " windows-1252 -t utf-8) and read it as utf-8"
    )


def unreadable_csv_error(
    path: Path, table: Table, encoding: str, delimiter: str | None, error: Exception
) -> RawFileError:
    """DuckDB refused the whole file: what it saw, and the setting that reads it."""
    saw = [first_line(error)]
    bad = first_undecodable(path, encoding)
    if bad:
        saw.insert(0, f"line {bad[0]} has byte 0x{bad[1]:02X}, which is not {encoding}")
    saw.append(header_split(path, encoding))
    return RawFileError(
        "csv_readable",
        f"DuckDB cannot read it as {encoding}"
        + (f" split by {DELIMITER_NAMES.get(delimiter, repr(delimiter))}" if delimiter else "")
        + f": {'; '.join(saw)}; staging's base model base_{table.source}__{table.name} fails"
        f" on it: {encoding_advice(path, table, encoding)}",
        bad[0] if bad else None,
    )


def delimiter_advice(path: Path, table: Table, encoding: str, missing: list[str]) -> str | None:
    """A delimiter (and encoding) with which the header holds every contract column."""
    with path.open("rb") as handle:
        raw = handle.readline().rstrip(b"\r\n")
    for candidate_encoding in dict.fromkeys([encoding, "utf-8", "latin-1"]):
        if not decodes_bytes(raw, candidate_encoding):
            continue
        text = raw.decode(candidate_encoding).lstrip("\ufeff")
        for candidate in DELIMITERS:
            _, names = header_columns(text, candidate)
            if all(column in names for column in missing):
                settings = [f"delimiter: {json.dumps(candidate)}"]
                if candidate_encoding != encoding:
                    settings.insert(0, f"encoding: {candidate_encoding}")
                return (
                    f"with {DELIMITER_NAMES[candidate]} the header has every contract column:"
                    f' set raw_csv_options: {{"{table.relative_path}": {{{", ".join(settings)}}}}}'
                )
    return None


# ----------------------------------------------- staging's rules (contract_typed_rows)


def empty_to_null(expression: str) -> str:
    return f"nullif(trim(cast({expression} as varchar)), '')"


def local_to_utc(expression: str, time_zone: str) -> str:
    if time_zone.upper() in ("UTC", "Z", "ETC/UTC", "GMT"):
        return expression
    return f"timezone('UTC', timezone({_sql_text(time_zone)}, {expression}))"


def epoch_to_timestamp(expression: str) -> str:
    return (
        f"epoch_ms(cast(case when abs({expression}) < {EPOCH_SECONDS_BELOW} then ({expression}) * 1000"
        f" else {expression} end as bigint))"
    )


def parse_logical_type(text: str, logical_type: str, time_zone: str) -> str:
    """SQL that parses raw text as the contract type (macro parse_logical_type)."""
    if logical_type == "string":
        return text
    if logical_type == "integer":
        return f"case when regexp_matches({text}, '{INTEGER_PATTERN}') then try_cast({text} as bigint) end"
    if logical_type == "decimal":
        return (
            f"case when regexp_matches({text}, '{DECIMAL_PATTERN}')"
            f" then try_cast({text} as {NUMERIC_TYPE}) end"
        )
    if logical_type == "boolean":
        return (
            f"case when lower({text}) in ('true', 't', '1', 'yes') then true"
            f" when lower({text}) in ('false', 'f', '0', 'no') then false end"
        )
    epoch = (
        f"case when regexp_matches({text}, '{EPOCH_PATTERN}')"
        f" then {epoch_to_timestamp(f'try_cast({text} as bigint)')} end"
    )
    if logical_type == "epoch_ms":
        return epoch
    if logical_type == "timestamp":
        iso = (
            f"case when regexp_matches({text}, '{ISO_WITH_OFFSET}')"
            f" then timezone('UTC', try_cast({text} as timestamptz))"
            f" when regexp_matches({text}, '{ISO_WITHOUT_OFFSET}')"
            f" then {local_to_utc(f'try_cast({text} as timestamp)', time_zone)} end"
        )
        return f"coalesce({iso}, {epoch})"
    if logical_type == "date":
        return f"case when regexp_matches({text}, '{DATE_PATTERN}') then try_cast({text} as date) end"
    raise ValueError(f"unknown contract logical type {logical_type}")


def cast_raw_column(name: str, raw_type: str, logical_type: str, time_zone: str) -> tuple[str, str | None]:
    """(typed value SQL, raw text SQL or None for native types), as macro cast_raw_column."""
    column = '"' + name.replace('"', '""') + '"'
    raw_type = (raw_type or "VARCHAR").upper()
    is_text = any(word in raw_type for word in ("CHAR", "TEXT", "STRING"))
    is_integer = "INT" in raw_type and "INTERVAL" not in raw_type
    is_number = is_integer or any(w in raw_type for w in ("DECIMAL", "NUMERIC", "DOUBLE", "FLOAT", "REAL"))
    is_timestamp = "TIMESTAMP" in raw_type
    is_timestamptz = "TIME ZONE" in raw_type or "TIMESTAMPTZ" in raw_type
    native = None
    if logical_type == "timestamp" and is_timestamptz:
        native = f"timezone('UTC', {column})"
    elif logical_type == "timestamp" and (is_timestamp or raw_type == "DATE"):
        native = f"cast({column} as timestamp)"
    elif logical_type in ("epoch_ms", "timestamp") and is_integer:
        native = epoch_to_timestamp(column)
    elif logical_type == "date" and (raw_type == "DATE" or is_timestamp):
        native = f"cast({column} as date)"
    elif logical_type == "integer" and is_integer:
        native = f"cast({column} as bigint)"
    elif logical_type == "decimal" and is_number:
        native = f"cast({column} as {NUMERIC_TYPE})"
    elif logical_type == "boolean" and raw_type.startswith("BOOL"):
        native = column
    if native is not None and not is_text:
        return native, None
    text = empty_to_null(column)
    return parse_logical_type(text, logical_type, time_zone), text


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def value_problem(column: str, shown: str, what: str) -> str:
    return f"'column {column}: ''' || {shown} || ''' {what.replace(chr(39), chr(39) * 2)}'"


def checked_rows_sql(table: Table, read: RawRead, settings: RawSettings) -> str:
    """Every row with staging's typed values, reasons and the columns GX checks."""
    first = f"cast('{settings.plausible_first_date}' as date)"
    last = f"cast(date_add(current_timestamp, interval ({settings.plausible_future_days}) day) as date)"
    inner: list[str] = []
    outer: list[str] = []
    required_problems: list[str] = []
    optional_problems: list[str] = []
    texts: list[str] = []
    for column in table.columns:
        present = column.name in read.columns
        if present:
            value, text = cast_raw_column(column.name, read.columns[column.name], column.type, settings.time_zone)
        else:
            value, text = parse_logical_type("cast(null as varchar)", column.type, settings.time_zone), None
        parsed = _quoted(f"{column.name}__parsed")
        inner.append(f"{value} as {parsed}")
        text_ref = None
        if text is not None:
            text_ref = _quoted(f"{column.name}__raw_text")
            inner.append(f"{text} as {text_ref}")
        shown = text_ref or empty_to_null(parsed)
        texts.append(shown)
        checks: list[tuple[str, str]] = []
        if column.required:
            checks.append((
                f"{text_ref or parsed} is null",
                f"'missing required column {column.name}'" if present
                else f"'the file lacks contract column {column.name}'",
            ))
        if text_ref is not None and column.type != "string":
            checks.append((
                f"{text_ref} is not null and {parsed} is null",
                value_problem(column.name, text_ref, f"is not a valid {column.type}"),
            ))
        if column.type in DATE_TYPES:
            checks.append((
                f"cast({parsed} as date) < {first} or cast({parsed} as date) > {last}",
                value_problem(column.name, shown,
                              f"is implausible (before {settings.plausible_first_date} or more than"
                              f" {settings.plausible_future_days} days in the future)"),
            ))
        if column.non_negative:
            checks.append((f"{parsed} < 0", value_problem(column.name, shown, "is negative")))
        if column.email:
            checks.append((
                f"not regexp_matches({parsed}, '{EMAIL_PATTERN}')",
                value_problem(column.name, shown, "is not an e-mail address"),
            ))
        value_checks = checks[1:] if column.required else checks
        if value_checks:
            failing = " or ".join(f"({condition})" for condition, _ in value_checks)
            outer.append(f"case when coalesce({failing}, false) then null else {parsed} end as {_quoted(column.name)}")
        else:
            outer.append(f"{parsed} as {_quoted(column.name)}")
        # what the expectations look at
        if present:
            outer.append(f"{shown} as {_quoted(column.name + '__text')}")
        if text_ref is not None and column.type != "string":
            outer.append(f"case when {text_ref} is not null and {parsed} is null then {text_ref} end"
                         f" as {_quoted(column.name + '__unparseable')}")
        if column.type in DATE_TYPES:
            day = f"cast({parsed} as date)"
            outer.append(f"year({day}) * 10000 + month({day}) * 100 + day({day})"
                         f" as {_quoted(column.name + '__date')}")
        if column.non_negative:
            outer.append(f"cast({parsed} as double) as {_quoted(column.name + '__number')}")
        for condition, message in checks:
            problem = f"case when {condition} then {message} end"
            (required_problems if column.required else optional_problems).append(problem)
    quarantine = f"coalesce({', '.join(required_problems)})" if required_problems else "cast(null as varchar)"
    nulled = (
        f"nullif(concat_ws('; ', {', '.join(optional_problems)}), '')"
        if optional_problems else "cast(null as varchar)"
    )
    keys = ", ".join(f"cast({_quoted(k + '__parsed')} as varchar)" for k in table.primary_key)
    return f"""
        select
            __position,
            {', '.join(outer)},
            [{', '.join(texts)}] as __raw_values,
            [{keys}] as __key,
            {quarantine} as __quarantine_reason,
            {nulled} as __nulled_reason
        from (
            select rowid as __position, {', '.join(inner)}
            from {read.relation}
        ) as parsed_rows
    """
