"""scripts/load_raw.py: raw files into a `raw` schema for engines without external files."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from scripts import load_raw
from scripts.contract import CONTRACT

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("load_raw") / "raw"
    subprocess.run(
        [sys.executable, "-m", "scripts.generate_demo_data", "--scale", "0.01", "--seed", "3",
         "--out", str(raw)],
        cwd=REPO_ROOT, check=True, capture_output=True,
    )
    return raw


def test_duckdb_load_creates_text_tables_with_every_row(raw_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "raw.duckdb"  # a catalog named like the schema must work
    assert load_raw.main(["--raw-dir", str(raw_dir), "--database", str(database)]) == 0
    with duckdb.connect(str(database), read_only=True) as connection:
        for table in CONTRACT:
            relation = f"raw.raw.{table.source}__{table.name}"  # catalog raw (the file name), schema raw
            path = raw_dir / table.relative_path
            reader = "read_csv" if table.file_format == "csv" else "read_parquet"
            expected = connection.execute(f"select count(*) from {reader}('{path}')").fetchone()[0]
            assert connection.execute(f"select count(*) from {relation}").fetchone()[0] == expected
            types = {row[0]: row[1] for row in connection.execute(f"describe {relation}").fetchall()}
            assert {c.name for c in table.columns if not c.optional} <= set(types)
            assert set(types.values()) == {"VARCHAR"}


def test_postgres_script_copies_every_table(raw_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "pg"
    assert load_raw.main(["--raw-dir", str(raw_dir), "--engine", "postgres", "--out", str(out)]) == 0
    script = (out / "load_raw.psql").read_text()
    for table in CONTRACT:
        assert f"create table raw.{table.source}__{table.name} (" in script
        assert f"\\copy raw.{table.source}__{table.name} (" in script
    converted = out / "csv" / "web" / "pages.csv"
    with converted.open(newline="") as handle:
        assert set(next(csv.reader(handle))) >= set(load_raw.file_columns(raw_dir / "web/pages.parquet", "parquet"))


def test_missing_column_and_missing_file_are_named(raw_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "raw"
    shutil.copytree(raw_dir, broken)
    users = broken / "crm" / "users.csv"
    with users.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    with users.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[c for c in rows[0] if c != "role"],
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(load_raw.RawContractError, match=f"raw file {users} lacks contract column role"):
        load_raw.inspect_raw_files(broken)
    (broken / "marketing" / "ad_spend.csv").unlink()
    with pytest.raises(load_raw.RawContractError, match="ad_spend.csv is missing"):
        load_raw.inspect_raw_files(broken, [t for t in CONTRACT if t.name == "ad_spend"])


@pytest.mark.slow
def test_postgres_load_copies_every_row_into_a_throwaway_cluster(
        raw_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg2

    from scripts.pg_cluster import throwaway_cluster

    with throwaway_cluster() as cluster:
        for name, value in cluster.env.items():
            monkeypatch.setenv(name, value)
        for name in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE"):
            monkeypatch.delenv(name, raising=False)
        assert load_raw.main(["--raw-dir", str(raw_dir), "--engine", "postgres", "--out", str(tmp_path),
                              "--execute"]) == 0
        connection = psycopg2.connect(host=cluster.host, port=cluster.port, user=cluster.user,
                                      dbname=cluster.database)
        with connection, connection.cursor() as cursor, duckdb.connect() as duck:
            for table in CONTRACT:
                path = raw_dir / table.relative_path
                reader = "read_csv" if table.file_format == "csv" else "read_parquet"
                expected = duck.execute(f"select count(*) from {reader}('{path}')").fetchone()[0]
                cursor.execute(f"select count(*) from raw.{table.source}__{table.name}")
                assert cursor.fetchone()[0] == expected, table.name
        connection.close()
        data_dir = cluster.data_dir
    assert not data_dir.exists()  # the cluster is deleted on exit
