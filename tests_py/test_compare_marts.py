"""scripts.compare_marts on two hand-built warehouse files: the same rows pass, one changed
row, a duplicate, a missing table and a new column are each reported."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from scripts import compare_marts


def warehouse(path: Path, statements: list[str]) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    for statement in statements:
        con.execute(statement)
    con.close()
    return path


BASE = [
    "create table marts.dim_leads as select * from (values (1, 'mql'), (2, 'sql')) as t(lead_id, stage)",
    "create table marts.fct_daily as select * from (values (date '2025-01-01', 3)) as t(date_day, leads)",
]


def test_same_rows_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = warehouse(tmp_path / "a.duckdb", BASE)
    b = warehouse(tmp_path / "b.duckdb", list(reversed(BASE)))
    assert compare_marts.main([str(a), str(b)]) == 0
    assert "2 of 2 tables hold the same rows" in capsys.readouterr().out


def test_changed_row_duplicate_missing_table_and_new_column(tmp_path: Path) -> None:
    a = warehouse(tmp_path / "a.duckdb", BASE)
    b = warehouse(tmp_path / "b.duckdb", [
        # lead 2 changed stage, lead 1 is there twice, a column was added
        "create table marts.dim_leads as select * from"
        " (values (1, 'mql', 'x'), (1, 'mql', 'x'), (2, 'opportunity', 'y'))"
        " as t(lead_id, stage, channel)",
        "create table marts.fct_new as select 1 as n",
    ])
    diffs = {d.table: d for d in compare_marts.compare(a, b)}
    leads = diffs["dim_leads"]
    assert (leads.rows_a, leads.rows_b, leads.only_a, leads.only_b) == (2, 3, 1, 2)
    assert leads.columns_only_b == ("channel",) and not leads.same_rows
    assert (diffs["fct_daily"].rows_a, diffs["fct_daily"].rows_b) == (1, None)
    assert (diffs["fct_new"].rows_a, diffs["fct_new"].rows_b) == (None, 1)
    assert compare_marts.main([str(a), str(b)]) == 1


def test_ignored_column_and_added_column_alone_are_the_same_rows(tmp_path: Path) -> None:
    a = warehouse(tmp_path / "a.duckdb", [
        "create table marts.dim_leads as select 1 as lead_id, timestamp '2025-01-01' as built_at",
    ])
    b = warehouse(tmp_path / "b.duckdb", [
        "create table marts.dim_leads as select 1 as lead_id,"
        " timestamp '2025-02-01' as built_at, 'x' as channel",
    ])
    assert compare_marts.main([str(a), str(b)]) == 1
    assert compare_marts.main([str(a), str(b), "--ignore-column", "built_at"]) == 0


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = warehouse(tmp_path / "a.duckdb", BASE)
    assert compare_marts.main([str(a), str(tmp_path / "nope.duckdb")]) == 2
    assert "nope.duckdb: no such warehouse file" in capsys.readouterr().err
