"""Small hand-made raw folders shaped like real exports, and dbt runs on them.

Tests describe a raw folder as {"crm/contacts": [row, ...], ...} with the contract's
column names; every contract table not given is written header-only (the way a tool a
company does not use exports), CSV as text and the web tables as Parquet with string
columns. Optional contract columns are written only when a row carries them, as an
export without them would be.

`run_dbt` runs the README's commands on such a folder against a private DuckDB file;
`copy_project` makes a copy of the dbt project whose seeds a test may edit, the way a
company adapts the steward's seed to its own process.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from scripts.contract import CONTRACT, Table

ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"
PROJECT_PARTS = ("models", "macros", "seeds", "tests", "snapshots", "dbt_project.yml")

Rows = list[dict[str, Any]]


def _columns(table: Table, rows: Rows) -> list[str]:
    """Contract columns in contract order; optional ones only when a row has them."""
    given = {key for row in rows for key in row}
    unknown = given - set(table.column_names)
    if unknown:
        raise KeyError(f"{table.relative_path}: no contract column(s) {sorted(unknown)}")
    return [c.name for c in table.columns if not c.optional or c.name in given]


def cell_text(value: Any) -> str:
    """A value as an export writes it in a CSV cell (empty for null, true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_raw_folder(root: Path, tables: dict[str, Rows]) -> Path:
    """Write every contract table under root (given rows, or header-only)."""
    names = {f"{t.source}/{t.name}" for t in CONTRACT}
    unknown = set(tables) - names
    if unknown:
        raise KeyError(f"no contract table(s) {sorted(unknown)}")
    for table in CONTRACT:
        rows = tables.get(f"{table.source}/{table.name}", [])
        columns = _columns(table, rows)
        path = root / table.relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if table.file_format == "csv":
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                for row in rows:
                    writer.writerow([cell_text(row.get(column)) for column in columns])
        else:
            data = {
                column: pa.array(
                    [None if row.get(column) is None else cell_text(row[column]) for row in rows],
                    type=pa.string(),
                )
                for column in columns
            }
            pq.write_table(pa.table(data), path)
    return root


def copy_project(destination: Path) -> Path:
    """A copy of the dbt project (code, seeds, tests) that a test may edit."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, dirs_exist_ok=True)
        else:
            shutil.copy(source, destination / part)
    return destination


def run_dbt(
    work: Path,
    raw: Path,
    *args: str,
    project: Path = ROOT,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run dbt as the README says, on raw, into work/warehouse.duckdb."""
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "LEAD_LIFECYCLE_TARGET": "dev",
        "LEAD_LIFECYCLE_DUCKDB_PATH": str(work / "warehouse.duckdb"),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "LEAD_LIFECYCLE_RAW_DIR": str(raw),
        **(extra_env or {}),
    }
    return subprocess.run(
        [str(DBT), *args, "--project-dir", str(project)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
