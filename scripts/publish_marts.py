"""Publish the marts BI tools read to a separate DuckDB file, swapped in atomically.

    python -m scripts.publish_marts --db warehouse/lead_lifecycle.duckdb \
        --out warehouse/lead_lifecycle_marts.duckdb

DuckDB lets one process write a database file, so a BI tool holding the build's file
open would stop `dbt build`, and a reader during a build could see some marts of the
new build next to others of the old one. After a green build this script copies the
`marts` schema (every table of it) into a new file beside `--out`, checks that every
table arrived with all its rows, and renames the new file over `--out`: a rename is
atomic, so a reader sees the old marts or the new ones, never a mix, and a reader
holding the old file open keeps its consistent state and never blocks the next
publish. A publish that dies half-way leaves `--out` untouched (the unfinished file
is removed by the next publish).

`fingerprint()` gives each table's row count and a hash of its sorted rows: equal
fingerprints mean equal tables, row for row.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

SCHEMA = "marts"


def fingerprint(con: duckdb.DuckDBPyConnection, schema: str = SCHEMA, catalog: str | None = None) -> dict[str, tuple[int, str]]:
    """{table: (row count, md5 of its rows as text, sorted)} for every table of schema."""
    catalog = catalog or con.execute("select current_database()").fetchone()[0]
    where = "table_schema = ? and table_type = 'BASE TABLE' and table_catalog = ?"
    params: list[str] = [schema, catalog]
    tables = [
        row[0]
        for row in con.execute(
            f"select table_name from information_schema.tables where {where} order by 1", params
        ).fetchall()
    ]
    out: dict[str, tuple[int, str]] = {}
    for table in tables:
        relation = f'"{catalog}"."{schema}"."{table}"'
        count, digest = con.execute(
            f"select count(*), md5(coalesce(string_agg(row_text, chr(10) order by row_text), '')) "
            f"from (select cast(rows_ as varchar) as row_text from {relation} as rows_)"
        ).fetchone()
        out[table] = (int(count), str(digest))
    return out


def publish(db: Path, out: Path) -> dict[str, int]:
    """Copy the marts of db into a new file and rename it over out; rows per table."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.publishing-{os.getpid()}")
    for leftover in out.parent.glob(f".{out.name}.publishing-*"):
        leftover.unlink()  # an earlier publish that died half-way
    con = duckdb.connect(str(staging))
    try:
        con.execute(f"attach '{db}' as build (read_only)")
        tables = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = 'build' and table_schema = ? and table_type = 'BASE TABLE' "
                "order by 1",
                [SCHEMA],
            ).fetchall()
        ]
        if not tables:
            raise SystemExit(f"publish_marts: {db} has no tables in schema {SCHEMA}; build first")
        # the new file's catalog is named after the file (maybe "marts" itself): qualify
        target = '"' + con.execute("select current_database()").fetchone()[0] + '".' + SCHEMA
        con.execute(f"create schema {target}")
        rows: dict[str, int] = {}
        for table in tables:
            con.execute(f'create table {target}."{table}" as select * from build.{SCHEMA}."{table}"')
            copied = con.execute(f'select count(*) from {target}."{table}"').fetchone()[0]
            source = con.execute(f'select count(*) from build.{SCHEMA}."{table}"').fetchone()[0]
            if copied != source:
                raise SystemExit(f"publish_marts: {table} copied {copied} of {source} rows")
            rows[table] = int(copied)
        con.execute("detach build")
        con.execute("checkpoint")
    except BaseException:
        con.close()
        staging.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(staging, out)  # atomic: readers see the old file or the new one
    wal = staging.with_name(staging.name + ".wal")
    wal.unlink(missing_ok=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the warehouse dbt built")
    parser.add_argument("--out", type=Path, required=True, help="the file BI tools open")
    args = parser.parse_args(argv)
    rows = publish(args.db, args.out)
    print(f"published {len(rows)} marts ({sum(rows.values())} rows) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
