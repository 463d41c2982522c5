"""Load the raw files into a `raw` schema, for engines that cannot read files in place.

On DuckDB (the default profile) nothing needs loading: the sources read the files
where they are (dbt-duckdb `external_location`). On every other engine the same
sources read the tables `raw.<source>__<table>` (for example `raw.crm__contacts`),
which this script creates from `<raw_dir>/<source>/<table>.<csv|parquet>`:

* every column is loaded as text, exactly as written in the file: staging casts and
  quarantines unparseable values, so a bad value never stops the load;
* a missing file, or a file without a contract column, stops the load with an error
  naming the file and the column (the same rule `assert_raw_columns` enforces in dbt).

Engines:

    duckdb     tables in a DuckDB file (useful to test the non-external path):
               python -m scripts.load_raw --engine duckdb --database warehouse/raw.duckdb
    postgres   writes a psql script of `\\copy` commands (Parquet files are first
               converted to CSV next to the script), and with --execute runs it with
               `psql -v ON_ERROR_STOP=1`. Connection from the usual PG* variables
               (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE); the profile's
               LEAD_LIFECYCLE_PG_* variables are used when a PG* one is unset:
               python -m scripts.load_raw --engine postgres --out build/load_raw --execute

Then run dbt with that target, e.g. `LEAD_LIFECYCLE_TARGET=postgres dbt build`.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.contract import CONTRACT, Table

RAW_SCHEMA = "raw"
PROFILE_TO_PG_ENV = {
    "LEAD_LIFECYCLE_PG_HOST": "PGHOST",
    "LEAD_LIFECYCLE_PG_PORT": "PGPORT",
    "LEAD_LIFECYCLE_PG_USER": "PGUSER",
    "LEAD_LIFECYCLE_PG_PASSWORD": "PGPASSWORD",
    "LEAD_LIFECYCLE_PG_DATABASE": "PGDATABASE",
}


class RawContractError(RuntimeError):
    """A raw file is missing or lacks a contract column."""


@dataclass(frozen=True)
class RawFile:
    table: Table
    path: Path
    columns: list[str]

    @property
    def relation(self) -> str:
        return f"{RAW_SCHEMA}.{self.table.source}__{self.table.name}"


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def file_columns(path: Path, file_format: str) -> list[str]:
    """Column names of a raw file, in file order."""
    if file_format == "csv":
        with path.open(newline="", encoding="utf-8") as handle:
            return next(csv.reader(handle), [])
    import pyarrow.parquet as pq

    return list(pq.read_schema(path).names)


def inspect_raw_files(raw_dir: Path, tables: list[Table] | None = None) -> list[RawFile]:
    """Every contract file with its columns; raises RawContractError on a broken one."""
    found = []
    for table in tables or list(CONTRACT):
        path = raw_dir / table.relative_path
        if not path.exists():
            raise RawContractError(f"raw file {path} is missing")
        columns = file_columns(path, table.file_format)
        lowered = {column.lower() for column in columns}
        for column in table.columns:
            if column.name.lower() not in lowered and not column.optional:
                raise RawContractError(f"raw file {path} lacks contract column {column.name}")
        found.append(RawFile(table=table, path=path, columns=columns))
    return found


def load_duckdb(raw_files: list[RawFile], database: Path) -> dict[str, int]:
    """Create raw.<source>__<table> as text tables in a DuckDB file; rows per table."""
    import duckdb

    database.parent.mkdir(parents=True, exist_ok=True)
    counts = {}
    with duckdb.connect(str(database)) as connection:
        connection.execute("set timezone = 'UTC'")
        # qualify with the catalog: a database file named raw.duckdb would be ambiguous
        catalog = _quote_identifier(connection.execute("select current_database()").fetchone()[0])
        connection.execute(f"create schema if not exists {catalog}.{RAW_SCHEMA}")
        for raw_file in raw_files:
            relation = f"{catalog}.{raw_file.relation}"
            path = _quote_literal(str(raw_file.path))
            if raw_file.table.file_format == "csv":
                reader = f"read_csv({path}, header = true, all_varchar = true)"
            else:
                reader = f"read_parquet({path})"
            casts = ", ".join(
                f"cast({_quote_identifier(column)} as varchar) as {_quote_identifier(column)}"
                for column in raw_file.columns
            )
            connection.execute(f"create or replace table {relation} as select {casts} from {reader}")
            counts[raw_file.relation] = connection.execute(
                f"select count(*) from {relation}"
            ).fetchone()[0]
    return counts


def parquet_to_csv(source: Path, target: Path) -> None:
    """Convert a Parquet file to CSV (timestamps as ISO text with offset) with DuckDB."""
    import duckdb

    target.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as connection:
        connection.execute("set timezone = 'UTC'")
        connection.execute(
            f"copy (select * from read_parquet({_quote_literal(str(source))})) "
            f"to {_quote_literal(str(target))} (header, delimiter ',')"
        )


def postgres_script(raw_files: list[RawFile], out_dir: Path) -> Path:
    """Write <out_dir>/load_raw.psql (and CSV copies of Parquet files); return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        "-- Generated by python -m scripts.load_raw --engine postgres; run with",
        "--   psql -v ON_ERROR_STOP=1 -f load_raw.psql",
        "\\set ON_ERROR_STOP on",
        "begin;",
        f"create schema if not exists {RAW_SCHEMA};",
    ]
    for raw_file in raw_files:
        csv_path = raw_file.path
        if raw_file.table.file_format == "parquet":
            csv_path = out_dir / "csv" / raw_file.table.source / f"{raw_file.table.name}.csv"
            parquet_to_csv(raw_file.path, csv_path)
        column_list = ", ".join(_quote_identifier(column) for column in raw_file.columns)
        column_defs = ", ".join(f"{_quote_identifier(column)} text" for column in raw_file.columns)
        lines += [
            f"drop table if exists {raw_file.relation};",
            f"create table {raw_file.relation} ({column_defs});",
            f"\\copy {raw_file.relation} ({column_list}) from {_quote_literal(str(csv_path.resolve()))}"
            " with (format csv, header true)",
        ]
    lines += ["commit;", ""]
    script = out_dir / "load_raw.psql"
    script.write_text("\n".join(lines), encoding="utf-8")
    return script


def psql_environment() -> dict[str, str]:
    env = dict(os.environ)
    for profile_name, pg_name in PROFILE_TO_PG_ENV.items():
        if not env.get(pg_name) and env.get(profile_name):
            env[pg_name] = env[profile_name]
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path,
                        default=Path(os.environ.get("LEAD_LIFECYCLE_RAW_DIR", "data/raw")))
    parser.add_argument("--engine", choices=("duckdb", "postgres"), default="duckdb")
    parser.add_argument("--database", type=Path, default=Path("warehouse/lead_lifecycle.duckdb"),
                        help="DuckDB file (engine duckdb)")
    parser.add_argument("--out", type=Path, default=Path("warehouse/load_raw"),
                        help="folder for the psql script and converted files (engine postgres)")
    parser.add_argument("--execute", action="store_true",
                        help="run the psql script (engine postgres); needs the psql client")
    args = parser.parse_args(argv)

    try:
        raw_files = inspect_raw_files(args.raw_dir)
    except RawContractError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    if args.engine == "duckdb":
        for relation, rows in load_duckdb(raw_files, args.database).items():
            print(f"{relation:<40} {rows:>12,} rows")
        return 0

    script = postgres_script(raw_files, args.out)
    print(f"wrote {script}")
    if not args.execute:
        return 0
    psql = shutil.which("psql")
    if psql is None:
        print("error: psql client not found; install postgresql-client or run the script elsewhere",
              file=sys.stderr)
        return 2
    return subprocess.run([psql, "-v", "ON_ERROR_STOP=1", "-f", str(script)],
                          env=psql_environment(), check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
