"""The marts BI tools read are published to their own file, swapped in atomically.

On a private copy of the CI warehouse: the published file holds every mart row for row;
a reader holding the published file open neither blocks the next publish nor sees it
half-done (it keeps its consistent state, a new reader sees the new one); a publish that
dies half-way leaves the published file untouched and its leftover is cleaned up.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from scripts import publish_marts

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "warehouse" / "lead_lifecycle_ci.duckdb"


@pytest.fixture()
def build_db(tmp_path: Path) -> Path:
    source = Path(os.environ.get("LEAD_LIFECYCLE_MARTS_DB", DEFAULT_DB))
    if not source.exists():
        pytest.skip(f"warehouse {source} not built (run `make test`)")
    copy = tmp_path / "build.duckdb"
    shutil.copyfile(source, copy)
    return copy


def test_published_file_holds_every_mart_row_for_row(build_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "published" / "lead_lifecycle_marts.duckdb"
    rows = publish_marts.publish(build_db, out)
    with duckdb.connect(str(build_db), read_only=True) as built:
        expected = publish_marts.fingerprint(built)
    with duckdb.connect(str(out), read_only=True) as published:
        actual = publish_marts.fingerprint(published)
    assert actual == expected
    assert set(rows) == set(expected) and "dim_leads" in rows
    assert not list(out.parent.glob(".*publishing*"))


def test_a_reader_never_blocks_a_publish_nor_sees_it_half_done(build_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "lead_lifecycle_marts.duckdb"
    publish_marts.publish(build_db, out)
    reader = duckdb.connect(str(out), read_only=True)
    try:
        before = reader.execute("select count(*) from marts.dim_leads").fetchone()[0]
        with duckdb.connect(str(build_db)) as build:  # the next build changes the marts
            build.execute("delete from marts.dim_leads where lead_id in "
                          "(select lead_id from marts.dim_leads order by lead_id limit 5)")
        publish_marts.publish(build_db, out)  # does not wait for the reader
        assert reader.execute("select count(*) from marts.dim_leads").fetchone()[0] == before
    finally:
        reader.close()
    with duckdb.connect(str(out), read_only=True) as fresh:
        assert fresh.execute("select count(*) from marts.dim_leads").fetchone()[0] == before - 5


def test_a_publish_that_dies_leaves_the_published_file_untouched(
    build_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "lead_lifecycle_marts.duckdb"
    publish_marts.publish(build_db, out)
    with duckdb.connect(str(out), read_only=True) as published:
        before = publish_marts.fingerprint(published)
    with duckdb.connect(str(build_db)) as build:
        build.execute("delete from marts.dim_leads")

    real_replace = os.replace

    def dies(*_: object) -> None:
        raise KeyboardInterrupt("killed while publishing")

    monkeypatch.setattr(publish_marts.os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        publish_marts.publish(build_db, out)
    monkeypatch.setattr(publish_marts.os, "replace", real_replace)
    with duckdb.connect(str(out), read_only=True) as published:
        assert publish_marts.fingerprint(published) == before
    # a leftover of a publish killed outright is removed by the next one
    leftover = tmp_path / f".{out.name}.publishing-999999"
    leftover.write_bytes(b"half a file")
    publish_marts.publish(build_db, out)
    assert not leftover.exists()
    with duckdb.connect(str(out), read_only=True) as published:
        assert published.execute("select count(*) from marts.dim_leads").fetchone()[0] == 0
