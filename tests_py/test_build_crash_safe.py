"""Builds are idempotent and survive being killed.

On a small generated dataset: a second `dbt build` on the same warehouse leaves every
mart row for row as it was; a build killed with SIGKILL at a random node and run again
gives the same marts as the uninterrupted build. (The incremental web models and the
daily stock must converge; DuckDB rolls back the statement that was cut.)
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from scripts.publish_marts import fingerprint
from tests_py.raw_folders import ROOT, DBT, run_dbt

pytestmark = pytest.mark.slow

BUILD_ARGS = ("build", "--exclude", "resource_type:unit_test")


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("crash_safe_raw")
    subprocess.run(
        [sys.executable, "-m", "scripts.generate_demo_data", "--scale", "0.01", "--seed", "11",
         "--out", str(out)],
        cwd=ROOT, check=True, capture_output=True,
    )
    return out


def marts_of(work: Path) -> dict[str, tuple[int, str]]:
    with duckdb.connect(str(work / "warehouse.duckdb"), read_only=True) as con:
        return fingerprint(con)


def build(work: Path, raw: Path) -> None:
    for args in (("seed", "--quiet"), BUILD_ARGS):
        result = run_dbt(work, raw, *args)
        assert result.returncode == 0, result.stdout[-4000:]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, raw: Path) -> tuple[Path, dict]:
    work = tmp_path_factory.mktemp("uninterrupted")
    build(work, raw)
    return work, marts_of(work)


def test_a_second_build_changes_no_mart(reference, raw: Path) -> None:
    work, first = reference
    assert "dim_leads" in first and first["dim_leads"][0] > 0
    result = run_dbt(work, raw, *BUILD_ARGS)
    assert result.returncode == 0, result.stdout[-4000:]
    assert marts_of(work) == first


def test_a_build_killed_at_a_random_node_recovers(reference, raw: Path, tmp_path: Path) -> None:
    _, expected = reference
    seed = int(os.environ.get("LEAD_LIFECYCLE_KILL_SEED", time.time_ns() % 1_000_000))
    nodes_before_kill = random.Random(seed).randint(40, 400)
    print(f"kill seed {seed}: SIGKILL after {nodes_before_kill} started nodes")
    assert run_dbt(tmp_path, raw, "seed", "--quiet").returncode == 0
    log = tmp_path / "killed_build.log"
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "LEAD_LIFECYCLE_TARGET": "dev",
        "LEAD_LIFECYCLE_DUCKDB_PATH": str(tmp_path / "warehouse.duckdb"),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
        "LEAD_LIFECYCLE_RAW_DIR": str(raw),
    }
    with log.open("w") as handle:
        process = subprocess.Popen([str(DBT), *BUILD_ARGS], cwd=ROOT, env=env, stdout=handle,
                                   stderr=subprocess.STDOUT)
        started = 0
        while process.poll() is None and started < nodes_before_kill:
            time.sleep(0.2)
            started = log.read_text(errors="replace").count(" START ")
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
    killed = process.returncode == -signal.SIGKILL
    assert killed, f"the build ended before node {nodes_before_kill}; lower the range"
    rerun = run_dbt(tmp_path, raw, *BUILD_ARGS)
    assert rerun.returncode == 0, rerun.stdout[-4000:]
    assert marts_of(tmp_path) == expected, f"kill seed {seed}"
