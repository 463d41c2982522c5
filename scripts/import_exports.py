"""Import exported CRM, marketing and web files into a raw folder that satisfies the contract.

    python -m scripts.import_exports --mapping mappings/hubspot_ui.yml --src exports/ --out data/my_raw
    make import MAPPING=mappings/hubspot_ui.yml SRC=exports OUT=data/my_raw

A mapping file (YAML, see scripts/import_mapping.py and docs/import/mapping_files.md)
says, per contract table, which exported files feed it and how each contract column is
made: an export column, a constant, a template, a value map for enumerations, a date
format and time zone, the CSV delimiter and encoding. Several `--mapping` files can be
combined (for example a CRM preset and the Segment preset). Contract tables no mapping
covers are taken as they are from `<src>/<source>/<table>.<csv|parquet>` when such a
file exists, otherwise written empty (the report says what that loses).

Files are read by DuckDB (read_csv / read_parquet / read_json: dialect auto-detected
unless the mapping sets it, every value read as text so ids and dates are never
guessed); every step is SQL over whole columns. Several files of one table (monthly
exports) are concatenated; exact duplicate rows are removed and, for a primary key
found in several files, the row of the last file (by name) is kept.

Everything is checked before anything is written, and ONE report lists: contract
columns that are required but not mapped, mapped columns missing from the files, values
of enumerations without a mapping line, values that do not parse (with examples),
lines the CSV reader rejected. With a problem nothing is written (exit code 1).
Unmapped enumeration values are reported and kept as they are (staging maps them to
other/unknown), unless the mapping sets `on_unmapped_value: error`.

Beside this module: import_mapping (schema and validation of mapping files),
import_sources (reading and mapping one group of files), import_sql (the SQL of every
column), import_report (the report).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import duckdb

from scripts import contract
from scripts import import_sql as sql
from scripts.import_mapping import Located, MappingError, Source, TableMapping, load_mapping
from scripts.import_report import ERROR, NOTE, VALUES, WARNING, ImportReport, TableResult
from scripts.import_sources import TableImporter, qualified_name, resolve_files

__all__ = ["ERROR", "NOTE", "VALUES", "WARNING", "ImportReport", "main", "run_import"]

HISTORY_TABLE = ("crm", "contact_property_history")
SNAPSHOT_MESSAGE = (
    "No property history in the exports: the CRM's stage history will be built from "
    "dbt snapshots of the contacts export. Build with "
    "`--vars '{lead_stage_history_input: snapshot}'` and run the import + `dbt build` "
    "after every new export. What this loses: stage changes made before the first "
    "snapshot are known only as the current stage (dated by the contact's last "
    "modification), changes between two snapshots collapse into one (a stage skipped "
    "or reverted in between is not seen), and who made a change and how (workflow, "
    "form, import) is unknown, so rules that need the accepting user or the change "
    "source cannot be checked. Without the CRM's SQL dates every deal breaks OPP-01 "
    "(an opportunity that skipped the SQL stage), an error by default: set its severity "
    "to warn in seeds/governance/definition_rules.csv and `dbt seed` if that is your "
    "process (the marts are built either way)."
)


def _passthrough(table: contract.Table, src: Path) -> TableMapping | None:
    """A contract-shaped file already at <src>/<source>/<table>.<ext>: taken as it is."""
    if not (src / table.relative_path).is_file():
        return None
    located = Located(src / table.relative_path, 1, f"{qualified_name(table)} (contract shape)")
    source = Source(table=table, index=0, files=(table.relative_path,), file_format=table.file_format,
                    csv={}, parsing={}, where_rows=(), explode=None, unpivot=None, columns={},
                    located=located, match_by_name=True)
    return TableMapping(table=table, sources=(source,), dedupe=True, losses=(), description="",
                        located=located, mapping_file=src / table.relative_path, optional=False)


def _final_table(con: duckdb.DuckDBPyConnection, table: contract.Table, works: list[str], dedupe: bool,
                 result: TableResult) -> str:
    """Union of the sources, exact duplicates removed, a key's rows from older files superseded."""
    final = f"final_{table.source}_{table.name}"
    columns = [sql.quote_identifier(c.name) for c in table.columns]
    values = ", ".join(
        f"coalesce({sql.quote_identifier(c.name + '__ok')}, {sql.quote_identifier(c.name + '__in')}) as "
        f"{sql.quote_identifier(c.name)}" for c in table.columns)
    union = " union all ".join(f"select __import_file, {values} from {work}" for work in works)
    if not dedupe:
        con.execute(f"create temp table {final} as select {', '.join(columns)} from ({union})")
    else:
        keys = [sql.quote_identifier(name) for name in table.primary_key]
        any_key_null = " or ".join(f"{key} is null" for key in keys)
        con.execute(
            f"create temp table {final} as "
            f"with imported as ({union}), "
            f"distinct_rows as (select {', '.join(columns)}, max(__import_file) as __import_file "
            f"from imported group by all), "
            f"ranked as (select *, max(__import_file) over (partition by {', '.join(keys)}) as __latest_file "
            f"from distinct_rows) "
            f"select {', '.join(columns)} from ranked where __import_file = __latest_file or {any_key_null}"
        )
        distinct = con.execute(f"select count(*) from (select distinct * exclude (__import_file) from ({union}))"
                               ).fetchone()[0]
        result.duplicates_removed = result.rows_mapped - distinct
        written = con.execute(f"select count(*) from {final}").fetchone()[0]
        result.superseded = distinct - written
    result.rows_written = con.execute(f"select count(*) from {final}").fetchone()[0]
    return final


def _empty_table(con: duckdb.DuckDBPyConnection, table: contract.Table) -> str:
    final = f"final_{table.source}_{table.name}"
    columns = ", ".join(f"cast(null as varchar) as {sql.quote_identifier(c.name)}" for c in table.columns)
    con.execute(f"create temp table {final} as select {columns} where false")
    return final


def _write(con: duckdb.DuckDBPyConnection, table: contract.Table, final: str, out: Path,
           text_columns: set[str]) -> None:
    path = out / table.relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    order = ", ".join(sql.quote_identifier(name) for name in table.primary_key)
    if table.file_format == "parquet":
        columns = ", ".join(sql.parquet_cast(c.name, c, c.name in text_columns) for c in table.columns)
        con.execute(f"copy (select {columns} from {final} order by {order}) to {sql.literal(str(path))} "
                    f"(format parquet, compression zstd)")
    else:
        columns = ", ".join(sql.quote_identifier(c.name) for c in table.columns)
        con.execute(f"copy (select {columns} from {final} order by {order}) to {sql.literal(str(path))} "
                    f"(format csv, header true)")


def _unparsed_columns(con: duckdb.DuckDBPyConnection, table: contract.Table, works: list[str]) -> set[str]:
    """Columns with a value that did not parse: a Parquet file keeps them as text."""
    found = set()
    for column in table.columns:
        if column.type == "string":
            continue
        name_in = sql.quote_identifier(column.name + "__in")
        name_ok = sql.quote_identifier(column.name + "__ok")
        for work in works:
            if con.execute(f"select count(*) from {work} where {name_in} is not null and {name_ok} is null"
                           ).fetchone()[0]:
                found.add(column.name)
    return found


def _import_table(importer: TableImporter, con: duckdb.DuckDBPyConnection, table: contract.Table,
                  mapping: TableMapping | None, report: ImportReport) -> tuple[str, set[str]]:
    name = qualified_name(table)
    if mapping is None:
        report.tables.append(TableResult(name, "empty"))
        report.add(NOTE, name, f"no mapping covers it and no {table.relative_path} is in the export "
                               f"folder: written empty, so the warehouse has nothing from: {table.origin}")
        return _empty_table(con, table), set()
    origin = "as-is" if mapping.mapping_file.suffix in (".csv", ".parquet") else str(mapping.mapping_file)
    result = TableResult(name, origin)
    report.tables.append(result)
    works: list[str] = []
    rows_per_file: dict[str, int] = {}
    mapped_columns: set[str] = set()
    unreadable_sources = 0
    sources = [source for source in mapping.sources if not source.fallback]
    if not any(resolve_files(importer.src, source.files) for source in sources):
        fallbacks = [source for source in mapping.sources if source.fallback]
        if fallbacks:
            for source in sources:
                report.add(NOTE, name, f"{source.located}: no file matches {', '.join(source.files)}; "
                                       f"using the fallback source")
            sources = fallbacks
    for source in sources:
        mapped = importer.map_source(source, name)
        if mapped is None:
            if not resolve_files(importer.src, source.files):
                severity = NOTE if mapping.optional else ERROR
                report.add(severity, name, f"{source.located}: no file in {importer.src} matches "
                                           f"{', '.join(source.files)}"
                           + ("" if severity == ERROR else ": this source gives no rows"))
            else:
                unreadable_sources += 1  # its problems are reported; its columns are not missing
            continue
        works.append(mapped.work)
        rows_per_file.update(mapped.rows_per_file)
        mapped_columns |= {column for column, spec in mapped.specs.items() if spec is not None}
        result.rows_mapped += con.execute(f"select count(*) from {mapped.work}").fetchone()[0]
    result.files = sorted(rows_per_file)
    result.rows_read = sum(rows_per_file.values())
    unmapped = [column for column in table.columns if column.name not in mapped_columns]
    if works and unmapped and not unreadable_sources:
        described = [column.name + (f" (staging: {getattr(column, 'fallback')})"
                                    if getattr(column, "fallback", None) else "") for column in unmapped]
        report.add(NOTE, name, f"not in the exports, written empty: {', '.join(described)}")
    for loss in mapping.losses:
        report.add(NOTE, name, f"loss documented by {mapping.mapping_file.name}: {loss}")
    if not works:
        if mapping.optional:
            report.add(NOTE, name, f"no export of it: written empty, so the warehouse has nothing from: "
                                   f"{table.origin}")
        return _empty_table(con, table), set()
    final = _final_table(con, table, works, mapping.dedupe, result)
    return final, _unparsed_columns(con, table, works) if table.file_format == "parquet" else set()


def run_import(mapping_paths: list[Path], src: Path, out: Path, *, timezone: str | None = None,
               check_only: bool = False) -> ImportReport:
    """Map, check and (without problems) write every contract table. Raises MappingError
    when a mapping file itself is invalid."""
    mapping = load_mapping(mapping_paths)
    report = ImportReport(mapping_files=list(mapping_paths), src=src, out=out)
    if not src.is_dir():
        report.add(ERROR, "(export folder)", f"{src} is not a folder")
        return report
    with tempfile.TemporaryDirectory(prefix="lead_lifecycle_import_") as work_dir:
        con = duckdb.connect(str(Path(work_dir) / "import.duckdb"))
        try:
            con.execute("set TimeZone = 'UTC'")
            con.execute(f"set temp_directory = {sql.literal(str(Path(work_dir) / 'spill'))}")
            importer = TableImporter(con, report, src, timezone, Path(work_dir))
            finals: dict[str, tuple[contract.Table, str, set[str]]] = {}
            for table in contract.CONTRACT:
                table_mapping = mapping.tables.get(qualified_name(table)) or _passthrough(table, src)
                final, text_columns = _import_table(importer, con, table, table_mapping, report)
                finals[qualified_name(table)] = (table, final, text_columns)
            history = contract.table(*HISTORY_TABLE)
            if report.table(qualified_name(history)).rows_written == 0:
                report.add(NOTE, qualified_name(history), SNAPSHOT_MESSAGE)
            if report.problems or check_only:
                return report
            for table, final, text_columns in finals.values():
                _write(con, table, final, out, text_columns)
            report.written = True
        finally:
            con.close()
    return report


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mapping", type=Path, action="append", required=True,
                        help="mapping file (YAML); repeat to combine, e.g. a CRM preset and the Segment preset")
    parser.add_argument("--src", type=Path, required=True, help="folder of exported files")
    parser.add_argument("--out", type=Path, required=True, help="raw folder to write (contract shape)")
    parser.add_argument("--timezone", help="time zone of exported times without an offset "
                                           "(overrides the mappings), e.g. Europe/Berlin")
    parser.add_argument("--check", action="store_true", help="check and report only, write nothing")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        report = run_import(args.mapping, args.src, args.out, timezone=args.timezone, check_only=args.check)
    except MappingError as exc:
        print(f"The mapping file is not valid:\n{exc}", file=sys.stderr)
        return 2
    text = report.render()
    print(text)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text, encoding="utf-8")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
