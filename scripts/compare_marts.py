"""Compare the marts of two DuckDB warehouses row for row: the check behind a refactor.

    python -m scripts.compare_marts warehouse/before.duckdb warehouse/after.duckdb

Build the same raw folder before and after a change (for example into two files with
LEAD_LIFECYCLE_DUCKDB_PATH), then compare. For every table of the `marts` schema (or
--schema) in either file it prints the row counts and the rows found only in one file
(`except all` over the columns both have, so duplicates count), and the columns only one
file has. Exits 0 when every table holds the same rows, 1 otherwise. A column added or
removed on purpose is listed but does not count as a difference of rows; --ignore-column
leaves a column out of the comparison (a build timestamp, say).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class TableDiff:
    table: str
    rows_a: int | None  # None: the table is missing from that file
    rows_b: int | None
    only_a: int = 0
    only_b: int = 0
    columns_only_a: tuple[str, ...] = field(default_factory=tuple)
    columns_only_b: tuple[str, ...] = field(default_factory=tuple)

    @property
    def same_rows(self) -> bool:
        return self.rows_a is not None and self.rows_b is not None and not (self.only_a or self.only_b)

    def line(self) -> str:
        counts = f"rows {_count(self.rows_a):>9} {_count(self.rows_b):>9}"
        text = f"{'same' if self.same_rows else 'DIFF'}  {self.table:<34} {counts}"
        if self.only_a or self.only_b:
            text += f"  only in a: {self.only_a}, only in b: {self.only_b}"
        if self.columns_only_a:
            text += f"  columns only in a: {', '.join(self.columns_only_a)}"
        if self.columns_only_b:
            text += f"  columns only in b: {', '.join(self.columns_only_b)}"
        return text


def _count(value: int | None) -> str:
    return "missing" if value is None else f"{value:,}"


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> dict[str, list[str]]:
    rows = con.execute(
        "select table_name, column_name from information_schema.columns"
        " where table_catalog = ? and table_schema = ? order by table_name, ordinal_position",
        [catalog, schema],
    ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables


def compare(a: Path, b: Path, schema: str = "marts", ignore: tuple[str, ...] = ()) -> list[TableDiff]:
    """One TableDiff per table of `schema` in a or b, in name order."""
    for path in (a, b):
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such warehouse file")
    con = duckdb.connect()
    try:
        con.execute(f"attach '{a}' as a (read_only)")
        con.execute(f"attach '{b}' as b (read_only)")
        columns_a, columns_b = _columns(con, "a", schema), _columns(con, "b", schema)
        diffs = []
        for table in sorted(set(columns_a) | set(columns_b)):
            cols_a, cols_b = columns_a.get(table), columns_b.get(table)
            if cols_a is None or cols_b is None:
                count = con.execute(
                    f'select count(*) from {"b" if cols_a is None else "a"}.{schema}."{table}"'
                ).fetchone()[0]
                diffs.append(TableDiff(table, None if cols_a is None else count,
                                       None if cols_b is None else count))
                continue
            common = ", ".join(f'"{c}"' for c in cols_a if c in cols_b and c not in ignore)
            relation_a, relation_b = f'a.{schema}."{table}"', f'b.{schema}."{table}"'

            def scalar(sql: str) -> int:
                return con.execute(sql).fetchone()[0]

            diffs.append(TableDiff(
                table,
                scalar(f"select count(*) from {relation_a}"),
                scalar(f"select count(*) from {relation_b}"),
                scalar(f"select count(*) from (select {common} from {relation_a}"
                       f" except all select {common} from {relation_b})"),
                scalar(f"select count(*) from (select {common} from {relation_b}"
                       f" except all select {common} from {relation_a})"),
                tuple(c for c in cols_a if c not in cols_b),
                tuple(c for c in cols_b if c not in cols_a),
            ))
        return diffs
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path, help="warehouse before (DuckDB file)")
    parser.add_argument("b", type=Path, help="warehouse after (DuckDB file)")
    parser.add_argument("--schema", default="marts", help="schema to compare (default marts)")
    parser.add_argument("--ignore-column", action="append", default=[],
                        help="a column to leave out of the row comparison (repeatable)")
    args = parser.parse_args(argv)
    try:
        diffs = compare(args.a, args.b, args.schema, tuple(args.ignore_column))
    except (FileNotFoundError, duckdb.Error) as error:
        print(f"compare_marts: {error}", file=sys.stderr)
        return 2
    for diff in diffs:
        print(diff.line())
    different = [d.table for d in diffs if not d.same_rows]
    if not diffs:
        print(f"no tables in schema {args.schema} of either file")
        return 1
    print(f"{len(diffs) - len(different)} of {len(diffs)} tables hold the same rows"
          + (f"; different: {', '.join(different)}" if different else ""))
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
