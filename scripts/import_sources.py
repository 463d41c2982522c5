"""Reading and mapping one source of a contract table for scripts/import_exports.py.

A source is a group of exported files (scripts/import_mapping.py `Source`): they are read
with DuckDB's readers into a work table, filtered, exploded or unpivoted, then every
contract column is made with the SQL of scripts/import_sql.py, giving per column c the
mapped text `c__in` and the normalised value `c__ok` (null when the text does not parse).
The checks of the report (required columns, values that do not parse, enumeration
values without a mapping line, CSV lines rejected) are made here, on the work table.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from scripts import contract
from scripts import import_sql as sql
from scripts.import_mapping import ColumnSpec, Located, Source, format_of
from scripts.import_report import ERROR, NOTE, VALUES, WARNING, ImportReport

EXAMPLES = 3
# encodings DuckDB's CSV reader lacks (without its encodings extension, which needs a
# download): the file is decoded by Python into a UTF-8 copy first
PYTHON_CODECS = {"windows-1252": "cp1252"}
# a CSV that is not UTF-8 is read again in this encoding: Windows' Western European code
# page, a superset of the printable latin-1 characters (Excel, Salesforce "ISO-8859-1")
FALLBACK_ENCODING = "windows-1252"


class EncodingMismatch(Exception):
    """A file with a byte that has no character in the encoding it is read in."""


@dataclass(frozen=True)
class MappedSource:
    """A source read and mapped: its work table, rows per file, and the column specs used."""

    work: str
    rows_per_file: dict[str, int]
    specs: dict[str, ColumnSpec | None]


def qualified_name(table: contract.Table) -> str:
    """crm/contacts: the name mapping files use for a contract table."""
    return f"{table.source}/{table.name}"


def resolve_files(src: Path, patterns: Iterable[str]) -> list[Path]:
    found: dict[str, Path] = {}
    for pattern in patterns:
        for path in src.glob(pattern):
            if path.is_file():
                found[str(path.relative_to(src))] = path
    return [found[key] for key in sorted(found)]


def _columns_of(con: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    return [row[0] for row in con.execute(f"describe {relation}").fetchall()]


def find_column(wanted: str, available: list[str]) -> str | None:
    if wanted in available:
        return wanted
    lowered = {name.strip().lower(): name for name in available}
    return lowered.get(wanted.strip().lower())


class TableImporter:
    """Reads, maps, checks one contract table into work tables of the connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection, report: ImportReport, src: Path,
                 timezone: str | None, work_dir: Path) -> None:
        self.con = con
        self.report = report
        self.src = src
        self.timezone = timezone
        self.work_dir = work_dir
        self.counter = 0
        self.transcoded: dict[tuple[Path, str], Path] = {}
        self.transcoded_from: dict[str, str] = {}

    def _next(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}_{self.counter}"

    # -------------------------------------------------------------- reading
    def _transcode(self, path: Path, encoding: str) -> Path:
        """A UTF-8 copy of a file in an encoding DuckDB's CSV reader lacks (windows-1252:
        Excel and many CRMs on Windows), decoded in blocks, never per row. Raises
        EncodingMismatch, naming the file and the byte, when a byte has no character in it."""
        if (path, encoding) not in self.transcoded:
            target = self.work_dir / "transcoded" / f"{self._next('file')}_{path.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            decoder = codecs.getincrementaldecoder(PYTHON_CODECS[encoding])(errors="strict")
            offset = 0
            with path.open("rb") as raw, target.open("w", encoding="utf-8", newline="") as out:
                while block := raw.read(1 << 20):
                    try:
                        out.write(decoder.decode(block))
                    except UnicodeDecodeError as exc:
                        raise EncodingMismatch(
                            f"{path} is not {encoding}: byte {exc.object[exc.start:exc.end]!r} at offset "
                            f"{offset + exc.start} has no character in it; set csv.encoding") from None
                    offset += len(block)
                out.write(decoder.decode(b"", final=True))
            self.transcoded[(path, encoding)] = target
            self.transcoded_from[str(target)] = str(path)
        return self.transcoded[(path, encoding)]

    def _read_sql(self, source: Source, path: Path, kind: str, encoding: str | None,
                  rejects: tuple[str, str]) -> str:
        """A DuckDB reader of one file (CSV rejects are recorded per file)."""
        file = sql.literal(str(path))
        if kind == "parquet":
            return f"select * from read_parquet({file}, filename = '__import_file')"
        if kind == "json":
            return f"select * from read_json({file}, filename = '__import_file')"
        options = [
            "all_varchar = true", "filename = '__import_file'",
            "store_rejects = true", f"rejects_table = '{rejects[0]}'", f"rejects_scan = '{rejects[1]}'",
            f"header = {'true' if source.csv.get('header', True) else 'false'}",
        ]
        for key, option in (("delimiter", "delim"), ("quote", "quote"), ("escape", "escape")):
            if key in source.csv:
                options.append(f"{option} = {sql.literal(source.csv[key])}")
        if source.csv.get("skip"):
            options.append(f"skip = {int(source.csv['skip'])}")
        if encoding in PYTHON_CODECS:
            copy = sql.literal(str(self._transcode(path, encoding)))
            return f"select * replace ({file} as __import_file) from read_csv({copy}, {', '.join(options)})"
        if encoding:
            options.append(f"encoding = {sql.literal(encoding)}")
        return f"select * from read_csv({file}, {', '.join(options)})"

    def _rejected_lines(self, rejects: tuple[str, str]) -> list[tuple[str, int, str, str]]:
        """Lines the CSV reader rejected: file (the exported one, not a transcoded copy), line, error, text."""
        rejected = self.con.execute(
            f"select distinct scans.file_path, errors.line, cast(errors.error_type as varchar), "
            f"trim(errors.csv_line, chr(10) || chr(13) || ' ') "
            f"from {rejects[0]} as errors inner join {rejects[1]} as scans "
            f"on errors.scan_id = scans.scan_id and errors.file_id = scans.file_id "
            f"order by 1, 2"
        ).fetchall()
        return [(self.transcoded_from.get(path, path), *rest) for path, *rest in rejected]

    def _read(self, source: Source, files: list[Path], table: str) -> str | None:
        relation = self._next("raw")
        encoding = source.csv.get("encoding")
        for attempt in range(2):
            rejects = (self._next("rejects"), self._next("scans"))
            try:
                readers = " union all by name ".join(
                    self._read_sql(source, path, format_of(source, path.name), encoding, rejects) for path in files)
                self.con.execute(f"create temp table {relation} as {readers}")
            except EncodingMismatch as exc:
                self.report.add(ERROR, table, f"{source.located}: {exc}")
                return None
            except duckdb.Error as exc:
                self.report.add(ERROR, table, f"{source.located}: cannot read {', '.join(map(str, files))}: "
                                              f"{str(exc).splitlines()[0]}")
                return None
            if not any(format_of(source, path.name) == "csv" for path in files):
                return relation
            rejected = self._rejected_lines(rejects)
            bad_encoding = [row for row in rejected if row[2] == "INVALID ENCODING"]
            if bad_encoding and encoding is None and attempt == 0:
                self.con.execute(f"drop table {relation}")
                encoding = FALLBACK_ENCODING
                self.report.add(NOTE, table, f"{bad_encoding[0][0]} is not UTF-8: read as {FALLBACK_ENCODING} "
                                             f"(set csv.encoding to silence this note)")
                continue
            self._report_rejects(source, rejected, table)
            return relation
        return relation

    def _report_rejects(self, source: Source, rejected: list[tuple[str, int, str, str]], table: str) -> None:
        delimiter = source.csv.get("delimiter", ",")
        footer = []
        for file_path, line, error_type, text in rejected:
            single_field = re.fullmatch(r'"[^"]*"|[^"' + re.escape(delimiter) + r']*', text) is not None
            if source.csv.get("footer") and error_type == "MISSING COLUMNS" and single_field:
                footer.append(line)
                continue
            self.report.add(ERROR, table, f"{file_path} line {line}: the CSV reader rejected the line "
                                          f"({error_type.lower()}): {text[:120]!r}")
        if footer:
            self.report.add(NOTE, table, f"{len(footer)} footer line(s) of the export skipped (lines "
                                         f"{', '.join(map(str, footer[:6]))}{'...' if len(footer) > 6 else ''})")

    # ------------------------------------------------------ row operations
    def _resolve(self, wanted: str, available: list[str], where: Located, table: str,
                 files: list[Path]) -> str | None:
        found = find_column(wanted, available)
        if found is None:
            shown = ", ".join(name for name in available if name != "__import_file")
            self.report.add(ERROR, table, f"{where}: column {wanted!r} is not in "
                                          f"{', '.join(path.name for path in files)} (columns: {shown})")
        return found

    def _shape(self, source: Source, relation: str, table: str, files: list[Path]) -> str | None:
        """Row filters, list explosion and unpivot of the raw read: a view of source rows."""
        available = _columns_of(self.con, relation)
        current = relation
        conditions = []
        for index, condition in enumerate(source.where_rows):
            where = Located(source.located.file, source.located.line, f"{source.located.key}.where.{index}")
            predicate = self._condition(condition, available, where, table, files)
            if predicate is None:
                return None
            conditions.append(predicate)
        if conditions:
            view = self._next("filtered")
            self.con.execute(f"create temp view {view} as select * from {current} where {' and '.join(conditions)}")
            current = view
        added = [source.explode["as"]] if source.explode else []
        added += [source.unpivot["name"], source.unpivot["value"]] if source.unpivot else []
        taken = [name for name in added if find_column(name, available)]
        if taken:
            self.report.add(ERROR, table, f"{source.located}: {', '.join(map(repr, taken))} is already a column "
                                          f"of the export; give the new column (explode.as / unpivot.name / "
                                          f"unpivot.value) another name")
            return None
        if source.explode:
            spec = source.explode
            where = Located(source.located.file, source.located.line, f"{source.located.key}.explode")
            column = self._resolve(spec["column"], available, where, table, files)
            if column is None:
                return None
            items = (f"unnest(string_split({sql.text_of(sql.quote_identifier(column))}, "
                     f"{sql.literal(spec.get('separator', ';'))}))")
            view = self._next("exploded")
            self.con.execute(
                f"create temp view {view} as select * from (select *, nullif(trim({items}), '') as "
                f"{sql.quote_identifier(spec['as'])} from {current}) where {sql.quote_identifier(spec['as'])} is not null"
            )
            current = view
        if source.unpivot:
            current = self._unpivot(source, current, available, table)
        return current

    def _condition(self, condition: dict[str, Any], available: list[str], where: Located, table: str,
                   files: list[Path]) -> str | None:
        """SQL of a row condition: the column's trimmed text (any case) in / not in a list, or empty."""
        names = [condition["column"]] if isinstance(condition["column"], str) else condition["column"]
        column = next((found for found in (find_column(n, available) for n in names) if found), None)
        if column is None:
            self._resolve(" | ".join(names), available, where, table, files)
            return None
        text = sql.text_of(sql.quote_identifier(column))
        parts = []
        if "in" in condition:
            keys = ", ".join(sql.literal(sql.text_key(v)) for v in condition["in"])
            parts.append(f"coalesce(lower({text}) in ({keys}), false)")
        if "not_in" in condition:
            keys = ", ".join(sql.literal(sql.text_key(v)) for v in condition["not_in"])
            parts.append(f"coalesce(lower({text}) not in ({keys}), true)")
        if "empty" in condition:
            parts.append(f"{text} is {'' if condition['empty'] else 'not '}null")
        return " and ".join(parts) or "true"

    def _unpivot(self, source: Source, current: str, available: list[str], table: str) -> str:
        """One row per filled column of the listed (or matching) headers: the header's name
        (or the pattern's first group) in a new column, the cell in another."""
        spec = source.unpivot
        pairs: list[tuple[str, str]] = []
        missing: list[str] = []
        if "pattern" in spec:
            pattern = re.compile(spec["pattern"])
            for header in available:
                match = pattern.fullmatch(header)
                if match:
                    pairs.append((header, match.group(1)))
        else:
            for header, name in spec["columns"].items():
                found = find_column(header, available)
                if found is None:
                    missing.append(header)
                else:
                    pairs.append((found, name))
        if missing:
            self.report.add(NOTE, table, f"{source.located}: columns not in the export, not unpivoted: "
                                         f"{', '.join(missing)}")
        name_column = sql.quote_identifier(spec["name"])
        value_column = sql.quote_identifier(spec["value"])
        selects = []
        for header, name in pairs:
            value = sql.text_of(sql.quote_identifier(header))
            selects.append(f"select *, {sql.literal(name)} as {name_column}, {value} as {value_column} "
                           f"from {current} where {value} is not null")
        if not selects:
            self.report.add(NOTE, table, f"{source.located}: no column of the export to unpivot; "
                                         f"this source gives no rows")
            selects = [f"select *, cast(null as varchar) as {name_column}, cast(null as varchar) as "
                       f"{value_column} from {current} where false"]
        view = self._next("unpivoted")
        self.con.execute(f"create temp view {view} as {' union all '.join(selects)}")
        return view

    # ------------------------------------------------------------- columns
    def _expression(self, spec: ColumnSpec, available: list[str], table: str, files: list[Path]) -> str | None:
        if spec.kind == "constant":
            return sql.literal(spec.value)
        if spec.kind == "sql":
            return f"({spec.value})"
        if spec.kind == "column":
            for wanted in spec.value:
                found = find_column(wanted, available)
                if found is not None:
                    return sql.quote_identifier(found)
            self._resolve(" | ".join(spec.value), available, spec.where, table, files)
            return None
        if spec.kind == "coalesce":
            found = [find_column(name, available) for name in spec.value]
            present = [name for name in found if name is not None]
            if not present:
                self._resolve(" | ".join(spec.value), available, spec.where, table, files)
                return None
            return "coalesce(" + ", ".join(sql.text_of(sql.quote_identifier(n)) for n in present) + ")"
        resolved: dict[str, str | None] = {}
        for kind, name in sql.template_parts(spec.value):
            if kind != "column":
                continue
            if name.endswith("?"):  # an optional column: empty when the export lacks it
                resolved[name] = find_column(name[:-1], available)
                continue
            found = self._resolve(name, available, spec.where, table, files)
            if found is None:
                return None
            resolved[name] = found
        return sql.template_sql(spec.value, resolved)

    def _specs(self, source: Source, available: list[str], table_name: str,
               by_name: bool) -> dict[str, ColumnSpec | None]:
        specs: dict[str, ColumnSpec | None] = {}
        matched = []
        absent, missing = [], []
        for column in source.table.columns:
            spec = source.columns.get(column.name)
            if spec is not None and spec.kind in ("column", "coalesce") and not column.required \
                    and not any(find_column(name, available) for name in spec.value):
                # a column that is not required and not in the export: written empty
                (absent if spec.options.get("optional") else missing).append(
                    f"{column.name} ({' | '.join(spec.value)})")
                spec = None
            if spec is None and by_name:
                found = find_column(column.name, available)
                if found is not None:
                    spec = ColumnSpec(column.name, "column", [found], {}, source.located)
                    matched.append(column.name if found == column.name else f"{column.name} ({found})")
            specs[column.name] = spec
        if matched and source.columns:
            self.report.add(NOTE, table_name, f"{source.located}: matched by name: {', '.join(matched)}")
        if absent:
            self.report.add(NOTE, table_name, f"{source.located}: optional columns not in the export: "
                                              f"{', '.join(absent)}")
        if missing:
            shown = ", ".join(name for name in available if name != "__import_file")
            self.report.add(WARNING, table_name, f"{source.located}: not in the export, written empty: "
                                                 f"{', '.join(missing)} (columns found: {shown})")
        return specs

    def map_source(self, source: Source, table_name: str) -> MappedSource | None:
        """A work table with, per contract column c: c__in (mapped text) and c__ok (normalised)."""
        files = resolve_files(self.src, source.files)
        if not files:
            return None
        raw = self._read(source, files, table_name)
        if raw is None:
            return None
        rows_per_file = dict(self.con.execute(f"select __import_file, count(*) from {raw} group by 1").fetchall())
        rows_per_file = {str(Path(name).relative_to(self.src)): count for name, count in rows_per_file.items()}
        shaped = self._shape(source, raw, table_name, files)
        if shaped is None:
            return None
        available = _columns_of(self.con, shaped)
        specs = self._specs(source, available, table_name, source.match_by_name)
        for column in source.table.columns:
            if specs[column.name] is None and column.required:
                self.report.add(ERROR, table_name, f"{source.located}: required column {column.name} "
                                                   f"({column.type}) is not mapped: add a line "
                                                   f"`{column.name}: \"<export column>\"` under columns "
                                                   f"({column.description})")
        parsing = dict(source.parsing)
        if self.timezone:
            parsing["timezone"] = self.timezone
        inner, outer = ["__import_file"], ["__import_file"]
        failed = False
        for column in source.table.columns:
            spec = specs[column.name]
            name_in = sql.quote_identifier(column.name + "__in")
            name_ok = sql.quote_identifier(column.name + "__ok")
            if spec is None:
                inner.append(f"cast(null as varchar) as {name_in}")
                outer.append(f"{name_in}, cast(null as varchar) as {name_ok}")
                continue
            expression = self._expression(spec, available, table_name, files)
            if expression is None:
                failed = True
                continue
            options = dict(spec.options)
            if "when" in options:
                where = Located(spec.where.file, spec.where.line, spec.where.key + ".when")
                predicate = self._condition(options["when"], available, where, table_name, files)
                if predicate is None:
                    failed = True
                    continue
                expression = f"case when {predicate} then {expression} end"
            unmapped = options.get("on_unmapped_value") or source.parsing.get("on_unmapped_value") or "keep"
            text = sql.mapped(expression, column, options, unmapped)
            if "default" in options:
                text = f"coalesce({text}, {sql.literal(options['default'])})"
            inner.append(f"{text} as {name_in}")
            outer.append(f"{name_in}, {sql.normalised(name_in, column, options, parsing)} as {name_ok}")
        if failed:
            return None
        work = self._next("mapped")
        try:
            self.con.execute(f"create temp table {work} as select {', '.join(outer)} from "
                             f"(select {', '.join(inner)} from {shaped})")
        except duckdb.Error as exc:
            self.report.add(ERROR, table_name, f"{source.located}: {str(exc).splitlines()[0]}")
            return None
        self._drop_unmapped(source, specs, work, table_name)
        self._check(source, specs, work, table_name)
        return MappedSource(work, rows_per_file, specs)

    def _drop_unmapped(self, source: Source, specs: dict[str, ColumnSpec | None], work: str, table: str) -> None:
        """Rows whose value of a column with `on_unmapped_value: drop` has no mapping line."""
        for column in source.table.columns:
            spec = specs[column.name]
            unmapped = spec and (spec.options.get("on_unmapped_value") or source.parsing.get("on_unmapped_value"))
            if unmapped != "drop" or not column.accepted_values:
                continue
            name_in = sql.quote_identifier(column.name + "__in")
            accepted = ", ".join(sql.literal(value) for value in column.accepted_values)
            condition = f"{name_in} is null or {name_in} not in ({accepted})"
            dropped = self.con.execute(f"select coalesce({name_in}, '(empty)'), count(*) from {work} "
                                       f"where {condition} group by 1 order by 2 desc, 1").fetchall()
            if dropped:
                self.con.execute(f"delete from {work} where {condition}")
                listed = ", ".join(f"{value!r} ({count})" for value, count in dropped[:8])
                more = f" and {len(dropped) - 8} more" if len(dropped) > 8 else ""
                self.report.add(NOTE, table, f"{spec.where}: rows dropped, their {column.name} has no "
                                             f"mapping line (on_unmapped_value: drop): {listed}{more}")

    # -------------------------------------------------------------- checks
    def _examples(self, work: str, column: str) -> str:
        rows = self.con.execute(
            f"select {sql.quote_identifier(column + '__in')}, count(*) from {work} "
            f"where {sql.quote_identifier(column + '__in')} is not null and "
            f"{sql.quote_identifier(column + '__ok')} is null group by 1 order by 2 desc, 1 limit {EXAMPLES}"
        ).fetchall()
        return ", ".join(repr(value) for value, _ in rows)

    def _check(self, source: Source, specs: dict[str, ColumnSpec | None], work: str, table: str) -> None:
        total = self.con.execute(f"select count(*) from {work}").fetchone()[0]
        for column in source.table.columns:
            spec = specs[column.name]
            if spec is None:
                continue
            if total == 0:
                continue
            name_in = sql.quote_identifier(column.name + "__in")
            name_ok = sql.quote_identifier(column.name + "__ok")
            present, parsed = self.con.execute(
                f"select count({name_in}), count({name_ok}) from {work}").fetchone()
            if column.required and present == 0:
                self.report.add(ERROR, table, f"{spec.where}: required column {column.name} is empty in "
                                              f"every row ({total} rows): is it mapped to the right export column?")
            elif column.required and present < total:
                self.report.add(WARNING, table, f"{total - present} of {total} rows have no {column.name} "
                                                f"(required): staging quarantines them")
            if parsed < present:
                examples = self._examples(work, column.name)
                if parsed == 0:
                    self.report.add(ERROR, table, f"{spec.where}: no value of {column.name} reads as a "
                                                  f"{column.type} ({present} values, for example {examples}): "
                                                  f"set `format:` (strptime codes) or the right column")
                else:
                    self.report.add(WARNING, table, f"{present - parsed} value(s) of {column.name} do not read "
                                                    f"as a {column.type} (for example {examples}): written "
                                                    f"as exported, staging quarantines those rows")
            if column.accepted_values:
                self._check_values(source, spec, column, work, table)

    def _check_values(self, source: Source, spec: ColumnSpec, column: contract.Column, work: str,
                      table: str) -> None:
        accepted = ", ".join(sql.literal(value) for value in column.accepted_values)
        name_in = sql.quote_identifier(column.name + "__in")
        rows = self.con.execute(
            f"select {name_in}, count(*) from {work} where {name_in} is not null and "
            f"{name_in} not in ({accepted}) group by 1 order by 2 desc, 1"
        ).fetchall()
        if not rows:
            return
        strict = (spec.options.get("on_unmapped_value") or source.parsing.get("on_unmapped_value")) == "error"
        listed = ", ".join(f"{value!r} ({count} rows)" for value, count in rows)
        where = spec.where if "values" not in spec.options else Located(
            spec.where.file, spec.where.line, spec.where.key + ".values")
        exported = f"export column {' | '.join(spec.value)}" if spec.kind == "column" else spec.kind
        outcome = ("the mapping says on_unmapped_value: error" if strict else
                   "kept as they are; staging maps them to other/unknown and reports them")
        self.report.add(VALUES, table, f"{column.name} from {exported}: {listed}. Add lines "
                                       f"`\"<exported value>\": <one of {', '.join(column.accepted_values)}>` "
                                       f"at {where} ({outcome})", blocks=strict)
