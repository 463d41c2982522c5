"""Row-for-row comparison of one table in two DuckDB warehouse files."""

from __future__ import annotations

from pathlib import Path

import duckdb


def table_differences(database: Path, other_database: Path, table: str) -> dict[str, int]:
    """Row counts of `table` in both files and the rows only one of them has.

    `except all` keeps multiplicity: a base table keeps exact duplicate rows, and each
    copy must be in both. Keys: rows, other_rows, only_here, only_other.
    """
    with duckdb.connect(str(database), read_only=True) as con:
        con.execute(f"attach '{other_database}' as other_warehouse (read_only)")
        other = f"other_warehouse.{table}"

        def count(sql: str) -> int:
            return con.execute(f"select count(*) from ({sql})").fetchone()[0]

        return {
            "rows": count(f"select * from {table}"),
            "other_rows": count(f"select * from {other}"),
            "only_here": count(f"select * from {table} except all select * from {other}"),
            "only_other": count(f"select * from {other} except all select * from {table}"),
        }
