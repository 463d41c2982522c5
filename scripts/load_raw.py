"""Load the raw files into a `raw` schema, for engines that cannot read files in place.

On DuckDB (the default profile) nothing needs loading: the sources read the files
where they are (dbt-duckdb `external_location`). On every other engine the same
sources read the tables `raw.<source>__<table>` (for example `raw.crm__contacts`),
which this script creates from `<raw_dir>/<source>/<table>.<csv|parquet>`:

* every column is loaded as text, exactly as written in the file: staging casts and
  quarantines unparseable values, so a bad value never stops the load;
* a missing file, or a file without a contract column, stops the load with an error
  naming the file and the column.

Engines:

    duckdb     tables in a DuckDB file (useful to test the non-external path):
               python -m scripts.load_raw --engine duckdb --database warehouse/raw.duckdb
    postgres   writes a psql script of `\\copy` commands (Parquet files are first
               converted to CSV next to the script), and with --execute loads the same
               files with COPY ... FROM STDIN in one transaction (psycopg2, installed
               with dbt-postgres). Connection from the usual PG* variables (PGHOST,
               PGPORT, PGUSER, PGPASSWORD, PGDATABASE); the profile's
               LEAD_LIFECYCLE_PG_* variables are used when a PG* one is unset:
               python -m scripts.load_raw --engine postgres --out build/load_raw --execute
    spark      a local Spark session (pyspark) writes every file as a Parquet table
               raw.<source>__<table> of text columns in the same metastore and
               warehouse folder as the dbt profile's `spark` target
               (LEAD_LIFECYCLE_SPARK_DIR, default warehouse/spark):
               python -m scripts.load_raw --engine spark

Then run dbt with that target, e.g. `LEAD_LIFECYCLE_TARGET=postgres dbt build`.
"""

from __future__ import annotations

import argparse
import csv
import os
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


@dataclass(frozen=True)
class PostgresLoad:
    """One raw table for PostgreSQL: its DDL and the CSV file COPY reads."""

    raw_file: RawFile
    csv_path: Path

    @property
    def ddl(self) -> list[str]:
        column_defs = ", ".join(f"{_quote_identifier(column)} text" for column in self.raw_file.columns)
        return [f"drop table if exists {self.raw_file.relation}",
                f"create table {self.raw_file.relation} ({column_defs})"]

    @property
    def copy_target(self) -> str:
        column_list = ", ".join(_quote_identifier(column) for column in self.raw_file.columns)
        return f"{self.raw_file.relation} ({column_list})"


def postgres_loads(raw_files: list[RawFile], out_dir: Path) -> list[PostgresLoad]:
    """The tables to load; Parquet files are converted to CSV under <out_dir>/csv first."""
    loads = []
    for raw_file in raw_files:
        csv_path = raw_file.path
        if raw_file.table.file_format == "parquet":
            csv_path = out_dir / "csv" / raw_file.table.source / f"{raw_file.table.name}.csv"
            parquet_to_csv(raw_file.path, csv_path)
        loads.append(PostgresLoad(raw_file=raw_file, csv_path=csv_path.resolve()))
    return loads


def postgres_script(loads: list[PostgresLoad], out_dir: Path) -> Path:
    """Write <out_dir>/load_raw.psql, the same load as psql commands; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        "-- Generated by python -m scripts.load_raw --engine postgres; run with",
        "--   psql -v ON_ERROR_STOP=1 -f load_raw.psql",
        "\\set ON_ERROR_STOP on",
        "begin;",
        f"create schema if not exists {RAW_SCHEMA};",
    ]
    for load in loads:
        lines += [f"{statement};" for statement in load.ddl]
        lines.append(f"\\copy {load.copy_target} from {_quote_literal(str(load.csv_path))}"
                     " with (format csv, header true)")
    lines += ["commit;", ""]
    script = out_dir / "load_raw.psql"
    script.write_text("\n".join(lines), encoding="utf-8")
    return script


def load_postgres(loads: list[PostgresLoad]) -> dict[str, int]:
    """Run the load with COPY ... FROM STDIN in one transaction; rows per table."""
    import psycopg2

    env = psql_environment()
    connection = psycopg2.connect(
        host=env.get("PGHOST"), port=env.get("PGPORT"), user=env.get("PGUSER"),
        password=env.get("PGPASSWORD") or None, dbname=env.get("PGDATABASE"),
    )
    counts = {}
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(f"create schema if not exists {RAW_SCHEMA}")
            for load in loads:
                for statement in load.ddl:
                    cursor.execute(statement)
                with load.csv_path.open(encoding="utf-8", newline="") as handle:
                    cursor.copy_expert(
                        f"copy {load.copy_target} from stdin with (format csv, header true)", handle
                    )
                cursor.execute(f"select count(*) from {load.raw_file.relation}")
                counts[load.raw_file.relation] = cursor.fetchone()[0]
    finally:
        connection.close()
    return counts


def psql_environment() -> dict[str, str]:
    env = dict(os.environ)
    for profile_name, pg_name in PROFILE_TO_PG_ENV.items():
        if not env.get(pg_name) and env.get(profile_name):
            env[pg_name] = env[profile_name]
    return env


def load_spark(raw_files: list[RawFile]) -> dict[str, int]:
    """Write raw.<source>__<table> as Parquet tables of text columns; rows per table.

    CSV is read as the contract says (header, '"' quotes doubled inside quoted
    fields, fields may span lines); Parquet columns are cast to text in UTC.
    """
    from pyspark.sql import functions

    from scripts.spark_session import spark_session

    spark = spark_session()
    counts = {}
    spark.sql(f"create database if not exists {RAW_SCHEMA}")
    for raw_file in raw_files:
        if raw_file.table.file_format == "csv":
            frame = (spark.read.option("header", True).option("multiLine", True)
                     .option("quote", '"').option("escape", '"').option("mode", "FAILFAST")
                     .csv(str(raw_file.path.resolve())))
        else:
            frame = spark.read.parquet(str(raw_file.path.resolve()))
        frame = frame.select(*[functions.col(f"`{name}`").cast("string").alias(name)
                               for name in frame.columns])
        frame.write.mode("overwrite").format("parquet").saveAsTable(raw_file.relation)
        counts[raw_file.relation] = spark.table(raw_file.relation).count()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path,
                        default=Path(os.environ.get("LEAD_LIFECYCLE_RAW_DIR", "data/raw")))
    parser.add_argument("--engine", choices=("duckdb", "postgres", "spark"), default="duckdb")
    parser.add_argument("--database", type=Path, default=Path("warehouse/lead_lifecycle.duckdb"),
                        help="DuckDB file (engine duckdb)")
    parser.add_argument("--out", type=Path, default=Path("warehouse/load_raw"),
                        help="folder for the psql script and converted files (engine postgres)")
    parser.add_argument("--execute", action="store_true",
                        help="load the tables with COPY (engine postgres), not only write the script")
    args = parser.parse_args(argv)

    try:
        raw_files = inspect_raw_files(args.raw_dir)
    except RawContractError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    if args.engine == "duckdb":
        counts = load_duckdb(raw_files, args.database)
    elif args.engine == "spark":
        counts = load_spark(raw_files)
    else:
        loads = postgres_loads(raw_files, args.out)
        print(f"wrote {postgres_script(loads, args.out)}")
        if not args.execute:
            return 0
        counts = load_postgres(loads)
    for relation, rows in counts.items():
        print(f"{relation:<40} {rows:>12,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
