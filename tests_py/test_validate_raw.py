"""scripts.validate_raw: hard failures stop the build and name file, column and rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scripts import validate_raw
from scripts.contract import Table, table

SAMPLE_VALUES = {
    "string": "text",
    "integer": "42",
    "decimal": "12.50",
    "boolean": "false",
    "timestamp": "2025-03-04T10:22:01.123Z",
    "epoch_ms": "1741083721123",
    "date": "2025-03-04",
}


def valid_frame(contract_table: Table, rows: int = 60) -> pd.DataFrame:
    """Rows that satisfy the contract: typed sample values, unique keys, accepted values."""
    data: dict[str, list[str]] = {}
    for column in contract_table.columns:
        if column.accepted_values:
            values = [column.accepted_values[i % len(column.accepted_values)] for i in range(rows)]
        elif column.name in contract_table.primary_key and column.type == "integer":
            values = [str(1000 + i) for i in range(rows)]
        elif column.name in contract_table.primary_key:
            values = [f"key-{i}" for i in range(rows)]
        else:
            values = [SAMPLE_VALUES[column.type]] * rows
        data[column.name] = values
    return pd.DataFrame(data)


def write(raw_dir: Path, contract_table: Table, frame: pd.DataFrame) -> None:
    path = raw_dir / contract_table.relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)


@pytest.fixture()
def users() -> Table:
    return table("crm", "users")


@pytest.fixture()
def engagements() -> Table:
    """A table whose required timestamp (hs_timestamp) makes a row unusable when bad."""
    return table("crm", "engagements")


def run(tmp_path: Path, tables: list[Table]) -> tuple[list[validate_raw.Finding], list[dict]]:
    return validate_raw.validate_raw(tmp_path / "raw", tmp_path / "docs", tables=tables)


def test_valid_file_passes_and_builds_data_docs(tmp_path: Path, users: Table) -> None:
    write(tmp_path / "raw", users, valid_frame(users))
    findings, summaries = run(tmp_path, [users])
    assert [f for f in findings if f.severity == "hard"] == []
    assert summaries[0]["rows"] == 60
    assert (tmp_path / "docs" / "index.html").exists()


def test_missing_file_is_hard(tmp_path: Path, users: Table) -> None:
    findings, _ = run(tmp_path, [users])
    assert [(f.file, f.check, f.severity) for f in findings] == [
        ("crm/users.csv", "file_exists", "hard")
    ]


def test_missing_column_is_hard_and_named(tmp_path: Path, users: Table) -> None:
    write(tmp_path / "raw", users, valid_frame(users).drop(columns=["role"]))
    findings, _ = run(tmp_path, [users])
    hard = [f for f in findings if f.severity == "hard"]
    assert [(f.file, f.column, f.check) for f in hard] == [("crm/users.csv", "role", "column_exists")]


def test_unparseable_required_values_beyond_tolerance_are_hard(
    tmp_path: Path, engagements: Table
) -> None:
    frame = valid_frame(engagements)
    frame.loc[[3, 7, 11], "hs_timestamp"] = "yesterday"  # 5% of rows, tolerance is 2%
    write(tmp_path / "raw", engagements, frame)
    findings, _ = run(tmp_path, [engagements])
    hard = [f for f in findings if f.severity == "hard"]
    assert len(hard) == 1  # the soft twin of the same check is not repeated
    assert [f.column for f in findings] == ["hs_timestamp"]
    assert hard[0].column == "hs_timestamp"
    assert hard[0].unexpected_count == 3
    # example rows carry the CSV line number, the key and the bad value
    assert hard[0].examples[0] == {"line": 5, "hs_object_id": "1003", "hs_timestamp": "yesterday"}
    assert "crm/engagements.csv, column hs_timestamp" in hard[0].describe()


def test_one_bad_row_stays_within_quarantine_tolerance(tmp_path: Path, engagements: Table) -> None:
    frame = valid_frame(engagements)
    frame.loc[3, "hs_timestamp"] = "yesterday"  # 1.7% of rows: quarantined, reported soft
    frame = pd.concat([frame.iloc[:2], frame.iloc[:2], frame.iloc[2:]], ignore_index=True)
    write(tmp_path / "raw", engagements, frame)
    findings, _ = run(tmp_path, [engagements])
    assert [(f.severity, f.column, f.unexpected_count) for f in findings] == [
        ("soft", "hs_timestamp", 1)
    ]
    # the line number survives the removal of the exact duplicate rows above it
    assert findings[0].examples[0]["line"] == 7


def test_header_only_file_is_soft(tmp_path: Path, users: Table) -> None:
    """A system the company does not use arrives as a header without rows: fine."""
    write(tmp_path / "raw", users, valid_frame(users).iloc[0:0])
    findings, summaries = run(tmp_path, [users])
    assert [(f.severity, f.check) for f in findings] == [
        ("soft", "expect_table_row_count_to_be_between")
    ]
    assert "header only" in findings[0].message
    assert summaries[0]["rows"] == 0


def test_zero_byte_file_is_one_hard_finding_naming_the_file(tmp_path: Path, users: Table) -> None:
    path = tmp_path / "raw" / users.relative_path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    findings, _ = run(tmp_path, [users])
    assert [(f.file, f.check, f.severity) for f in findings] == [
        ("crm/users.csv", "file_not_empty", "hard")
    ]
    assert "0 bytes" in findings[0].message and str(path) in findings[0].message


def test_optional_contract_column_may_be_absent(tmp_path: Path) -> None:
    deals = table("crm", "deals")
    assert deals.column("deal_currency_code").optional
    write(tmp_path / "raw", deals, valid_frame(deals).drop(columns=["deal_currency_code"]))
    findings, _ = run(tmp_path, [deals])
    assert [f for f in findings if f.check == "column_exists"] == []


def test_contract_drift_in_optional_values_is_soft(tmp_path: Path, users: Table) -> None:
    frame = valid_frame(users)
    frame.loc[0, "role"] = "INTERN"
    frame.loc[1, "id"] = frame.loc[2, "id"]  # duplicate key, not an exact duplicate row
    frame.loc[1, "email"] = "other"
    write(tmp_path / "raw", users, frame)
    findings, _ = run(tmp_path, [users])
    assert {f.check for f in findings} == {
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_be_unique",
    }
    assert {f.severity for f in findings} == {"soft"}


def test_exact_duplicate_rows_are_allowed(tmp_path: Path, users: Table) -> None:
    frame = valid_frame(users)
    frame = pd.concat([frame, frame.iloc[[0, 1]]], ignore_index=True)
    write(tmp_path / "raw", users, frame)
    findings, summaries = run(tmp_path, [users])
    assert findings == []
    assert summaries[0]["exact_duplicate_rows"] == 2


def test_main_exits_non_zero_on_hard_failure(tmp_path: Path, users: Table, capsys) -> None:
    write(tmp_path / "raw" , users, valid_frame(users).drop(columns=["role"]))
    for other in validate_raw.CONTRACT:
        if other is not users and other.file_format == "csv":
            write(tmp_path / "raw", other, valid_frame(other))
    status = validate_raw.main(
        ["--raw-dir", str(tmp_path / "raw"), "--docs-dir", str(tmp_path / "docs")]
    )
    out = capsys.readouterr()
    assert status == 1
    assert "crm/users.csv, column role" in out.out
    assert "web/pages.parquet" in out.out  # parquet files missing: named too
