"""A raw file that is missing, empty or lacks a contract column fails the build with an
error naming the file and the column (macro raw_reader, test raw_files_readable), while
its table is still built (empty, or with the column null) so nothing else is skipped.

Each test copies a small raw dataset to a temporary folder, breaks one file, and runs
dbt on the models concerned in a subprocess on an isolated DuckDB file.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from scripts.contract import table as contract_table

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT = Path(sys.executable).parent / "dbt"
CI_RAW = REPO_ROOT / "data" / "ci" / "raw"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temporary folder with a pristine raw dataset in `pristine/`."""
    root = tmp_path_factory.mktemp("staging_contract")
    pristine = root / "pristine"
    if (CI_RAW / "crm" / "users.csv").exists():
        shutil.copytree(CI_RAW, pristine)
    else:
        subprocess.run(
            [sys.executable, "-m", "scripts.generate_demo_data", "--scale", "0.01",
             "--seed", "7", "--out", str(pristine)],
            cwd=REPO_ROOT, check=True, capture_output=True,
        )
    yield root


@pytest.fixture
def raw_dir(workdir: Path) -> Path:
    """A fresh copy of the pristine dataset that a test may break."""
    raw = workdir / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    shutil.copytree(workdir / "pristine", raw)
    return raw


def run_dbt(workdir: Path, raw: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "LEAD_LIFECYCLE_TARGET": "dev",
        "LEAD_LIFECYCLE_DUCKDB_PATH": str(workdir / "contract.duckdb"),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
        "LEAD_LIFECYCLE_RAW_DIR": str(raw),
    }
    return subprocess.run(
        [str(DBT), *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=900,
    )


def drop_column(path: Path, column: str) -> None:
    """Rewrite the raw file without `column`, every other value unchanged."""
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
            fieldnames = [name for name in rows[0] if name != column]
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fieldnames, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    else:
        pq.write_table(pq.read_table(path).drop_columns([column]), path)


def test_intact_raw_files_build(workdir: Path, raw_dir: Path) -> None:
    result = run_dbt(workdir, raw_dir, "run", "--select", "+stg_crm__users", "+stg_web__identifies")
    assert result.returncode == 0, result.stdout + result.stderr


def staged_rows(workdir: Path, relation: str) -> int:
    con = duckdb.connect(str(workdir / "contract.duckdb"), read_only=True)
    try:
        return con.execute(f"select count(*) from {relation}").fetchone()[0]
    finally:
        con.close()


def raw_rows(raw_dir: Path, relative_path: str) -> int:
    path = raw_dir / relative_path
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            return sum(1 for _ in csv.DictReader(handle))
    return pq.ParquetFile(path).metadata.num_rows


@pytest.mark.parametrize(
    ("source", "name", "column", "model"),
    [
        ("crm", "users", "team_name", "stg_crm__users"),
        ("web", "identifies", "email", "stg_web__identifies"),
    ],
)
def test_missing_contract_column_fails_the_build_but_not_its_table(
    workdir: Path, raw_dir: Path, source: str, name: str, column: str, model: str
) -> None:
    """The error names the file and the column; the table is still staged (the
    column null), and the build fails on raw_files_readable."""
    relative_path = contract_table(source, name).relative_path
    drop_column(raw_dir / relative_path, column)
    base = f"base_{source}__{name}"
    result = run_dbt(workdir, raw_dir, "build", "--select", base, model, "stg_quarantine__raw_files")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"raw file {raw_dir}/{relative_path} lacks contract column {column}" in output
    assert "raw_files_readable" in output
    deduplicated = staged_rows(workdir, f"staging.{model}")
    assert 0 < deduplicated <= raw_rows(raw_dir, relative_path)


def test_missing_required_column_quarantines_every_row(workdir: Path, raw_dir: Path) -> None:
    relative_path = contract_table("crm", "users").relative_path
    drop_column(raw_dir / relative_path, "role")
    result = run_dbt(workdir, raw_dir, "run", "--select", "base_crm__users", "stg_crm__users")
    assert result.returncode == 0, result.stdout + result.stderr
    assert staged_rows(workdir, "staging.stg_crm__users") == 0
    con = duckdb.connect(str(workdir / "contract.duckdb"), read_only=True)
    try:
        reasons = con.execute(
            "select distinct quarantine_reason from staging.base_crm__users"
        ).fetchall()
    finally:
        con.close()
    assert reasons == [("the file lacks contract column role",)]


def test_missing_raw_file_fails_the_build_naming_it(workdir: Path, raw_dir: Path) -> None:
    relative_path = contract_table("marketing", "ad_spend").relative_path
    (raw_dir / relative_path).unlink()
    result = run_dbt(
        workdir, raw_dir, "build", "--select",
        "base_marketing__ad_spend", "stg_marketing__ad_spend", "stg_quarantine__raw_files",
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"raw file {raw_dir}/{relative_path} is missing" in output
    assert staged_rows(workdir, "staging.stg_marketing__ad_spend") == 0  # built, empty


def test_zero_byte_raw_file_fails_the_build_naming_it(workdir: Path, raw_dir: Path) -> None:
    relative_path = contract_table("marketing", "ad_spend").relative_path
    (raw_dir / relative_path).write_bytes(b"")
    result = run_dbt(
        workdir, raw_dir, "build", "--select",
        "base_marketing__ad_spend", "stg_marketing__ad_spend", "stg_quarantine__raw_files",
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"raw file {raw_dir}/{relative_path} is empty (0 bytes)" in output
    assert staged_rows(workdir, "staging.stg_marketing__ad_spend") == 0


def test_header_only_raw_file_builds_empty_and_reconciles(workdir: Path, raw_dir: Path) -> None:
    """A system the company does not use: header row, no data; optional columns absent."""
    relative_path = contract_table("marketing", "ad_spend").relative_path
    path = raw_dir / relative_path
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n", encoding="utf-8")
    result = run_dbt(workdir, raw_dir, "run", "--select", "+stg_quarantine__row_counts",
                     "stg_quarantine__raw_files")
    assert result.returncode == 0, result.stdout + result.stderr
    con = duckdb.connect(str(workdir / "contract.duckdb"), read_only=True)
    try:
        row = con.execute(
            "select raw_row_count, staged_row_count, exact_duplicate_row_count, "
            "superseded_row_count, quarantined_row_count, is_reconciled, "
            "is_within_quarantine_limit "
            "from staging.stg_quarantine__row_counts where raw_table_name = 'marketing.ad_spend'"
        ).fetchone()
    finally:
        con.close()
    assert row == (0, 0, 0, 0, 0, True, True)
