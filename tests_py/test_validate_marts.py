"""scripts.validate_marts: the public marts held to their documented interface."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from scripts import validate_marts


def manifest_for(columns: list[str], unique: str) -> dict:
    return {
        "nodes": {
            "model.x.fct_definition_compliance": {
                "resource_type": "model",
                "name": "fct_definition_compliance",
                "alias": "fct_definition_compliance",
                "schema": "marts",
                "columns": {c: {} for c in columns},
            },
            "test.x.unique_id": {
                "resource_type": "test",
                "attached_node": "model.x.fct_definition_compliance",
                "column_name": unique,
                "test_metadata": {"name": "unique", "kwargs": {}},
                "config": {},
            },
            "test.x.accepted": {
                "resource_type": "test",
                "attached_node": "model.x.fct_definition_compliance",
                "column_name": "severity",
                "test_metadata": {"name": "accepted_values", "kwargs": {"values": ["warn", "error"]}},
                "config": {},
            },
        }
    }


def build(db: Path, rows: str) -> None:
    connection = duckdb.connect(str(db))
    connection.execute("create schema marts")
    connection.execute(
        "create table marts.fct_definition_compliance as select * from (values "
        + rows
        + ") as t(definition_compliance_id, rows_checked, violations, violation_rate, severity)"
    )
    connection.close()


COLUMNS = ["definition_compliance_id", "rows_checked", "violations", "violation_rate", "severity"]


def test_clean_mart_passes(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    build(db, "('a', 10, 1, 0.1, 'warn'), ('b', 5, 0, 0.0, 'error')")
    findings, summaries = validate_marts.validate_marts(
        db, tmp_path / "docs", manifest_for(COLUMNS, "definition_compliance_id")
    )
    assert findings == []
    assert summaries[0]["rows"] == 2
    assert (tmp_path / "docs/index.html").exists()


def test_broken_mart_is_hard_failure(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    build(db, "('a', 10, 11, 1.1, 'warn'), ('a', 5, 0, 0.0, 'fatal')")
    findings, _ = validate_marts.validate_marts(
        db, tmp_path / "docs", manifest_for(COLUMNS + ["statement"], "definition_compliance_id")
    )
    checks = {(f.check, f.column) for f in findings if f.severity == "hard"}
    assert checks == {
        ("expect_table_columns_to_match_set", None),  # 'statement' documented, not built
        ("expect_column_values_to_be_unique", "definition_compliance_id"),
        ("expect_column_values_to_be_in_set", "severity"),
        ("expect_column_values_to_be_between", "violation_rate"),
        ("expect_column_pair_values_a_to_be_greater_than_b", None),
    }


def test_main_exit_status(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    build(db, "('a', 10, 11, 1.1, 'warn')")
    target = tmp_path / "target"
    target.mkdir()
    (target / "manifest.json").write_text(json.dumps(manifest_for(COLUMNS, "definition_compliance_id")))
    args = ["--db", str(db), "--target-path", str(target), "--docs-dir", str(tmp_path / "docs")]
    assert validate_marts.main(args) == 1
    assert validate_marts.main(["--db", str(tmp_path / "missing.duckdb")]) == 1
