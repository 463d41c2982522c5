"""Build the same project on PostgreSQL and Spark and compare their marts with DuckDB's.

    python -m scripts.engines postgres --raw-dir data/ci/raw --duckdb warehouse/lead_lifecycle_ci.duckdb
    python -m scripts.engines spark    --raw-dir data/ci/raw --duckdb warehouse/lead_lifecycle_ci.duckdb

postgres  starts a throwaway PostgreSQL 15 cluster (scripts/pg_cluster.py), loads the
          raw folder with COPY (scripts/load_raw.py), runs `dbt build` (every seed,
          model, snapshot, unit test and data test) with the `postgres` target, and
          tears the cluster down.
spark     loads the raw folder into a local Spark session's Parquet tables and runs
          `dbt build` with the `spark` target, without unit tests and the intermediate
          models' data tests (run on DuckDB and PostgreSQL) and without snapshots (dbt
          snapshots need Delta, Iceberg or Hudi; see the README), then runs the
          incremental models a second time (their insert_overwrite path) with their
          tests.

Each engine's marts are then fingerprinted (macro mart_fingerprint: row counts, non-null
and distinct counts, sums, date ranges per column) and compared with DuckDB's build of
the same raw folder: --duckdb names a DuckDB file already built from it, otherwise one
is built under warehouse/engines/. Prints PASS/WARN/ERROR/SKIP counts per resource
type, the differences, and the time of each step; exits 1 when a build or the
comparison fails.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

REPO_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DBT = str(BIN / "dbt")
FINGERPRINT_MARKER = "MART_FINGERPRINT "
RELATIVE_TOLERANCE = 1e-6
# Spark: unit tests stay on DuckDB and PostgreSQL (each is a Spark job, minutes in all);
# snapshots (and the tests on them) need a table format with MERGE (Delta, Iceberg, Hudi).
SPARK_EXCLUDED = ["resource_type:unit_test", "resource_type:snapshot+"]
# The first Spark build also leaves out the data tests of the intermediate models (a
# third of Spark's test time; they pass on DuckDB and PostgreSQL, and what those models
# compute reaches the marts, which are compared): the seeds', staging's, the marts' and
# the singular tests run, and the incremental models' tests run after their second run.
# Cautious indirect selection: the excluded tests are those on intermediate models only;
# a test that also reads a mart (the definition tests) still runs.
SPARK_BUILD_EXCLUDED = [*SPARK_EXCLUDED, "resource_type:test,path:models/intermediate"]
SPARK_BUILD_SELECTION = ["--indirect-selection", "cautious", "--exclude", *SPARK_BUILD_EXCLUDED]
STATUS_LABELS = {"success": "PASS", "pass": "PASS", "warn": "WARN", "error": "ERROR",
                 "fail": "ERROR", "runtime error": "ERROR", "skipped": "SKIP", "skip": "SKIP"}


class Timer:
    """Wall-clock seconds per step, printed at the end."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        print(f"--- {name}", flush=True)
        started = time.monotonic()
        try:
            yield
        finally:
            self.steps.append((name, time.monotonic() - started))

    def report(self) -> str:
        return "\n".join(f"  {name:<34} {seconds:7.1f} s" for name, seconds in self.steps)


def run(command: list[str], env: dict[str, str], check: bool = True,
        echo: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository root; its output is echoed as it comes
    (with echo=False only when it fails) and returned."""
    lines = []
    with subprocess.Popen(command, cwd=REPO_ROOT, env=env, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT) as process:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if echo:
                print(line, end="", flush=True)
    completed = subprocess.CompletedProcess(command, process.returncode, "".join(lines))
    if not echo and completed.returncode != 0:
        print(completed.stdout, end="", flush=True)
    if check and completed.returncode != 0:
        raise subprocess.CalledProcessError(completed.returncode, command)
    return completed


def status_counts(target_path: Path) -> Counter[tuple[str, str]]:
    """(resource type, PASS/WARN/ERROR/SKIP) -> count, from the last run_results.json."""
    results = json.loads((target_path / "run_results.json").read_text())["results"]
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        resource_type = result["unique_id"].split(".")[0]
        counts[(resource_type, STATUS_LABELS.get(str(result["status"]).lower(), str(result["status"])))] += 1
    return counts


def format_counts(counts: Counter[tuple[str, str]]) -> str:
    totals = Counter(status for (_, status), count in counts.items() for _ in range(count))
    lines = ["  total: " + ", ".join(f"{status} {totals.get(status, 0)}"
                                     for status in ("PASS", "WARN", "ERROR", "SKIP"))]
    for resource_type in sorted({resource_type for resource_type, _ in counts}):
        parts = ", ".join(f"{status} {counts[(resource_type, status)]}"
                          for status in ("PASS", "WARN", "ERROR", "SKIP") if counts[(resource_type, status)])
        if parts:
            lines.append(f"  {resource_type:<10} {parts}")
    return "\n".join(lines)


def fingerprint(env: dict[str, str], runner: Callable[..., subprocess.CompletedProcess[str]] | None = None
                ) -> dict[str, dict[str, object] | None]:
    """The marts' fingerprint on the engine the environment's target points at."""
    if runner is None:
        completed = run([DBT, "run-operation", "mart_fingerprint", "--quiet"], env, echo=False)
    else:
        completed = runner(["run-operation", "mart_fingerprint", "--quiet"], env)
    for line in completed.stdout.splitlines():
        if line.startswith(FINGERPRINT_MARKER):
            return json.loads(line[len(FINGERPRINT_MARKER):])
    raise RuntimeError("dbt run-operation mart_fingerprint printed no fingerprint")


def _normalised(measure: str, value: object) -> object:
    if value is None:
        return None
    if measure.endswith((".min", ".max")):
        # engines print times differently: compare 'YYYY-MM-DD HH:MM:SS' (or the date)
        text = str(value).replace("T", " ")
        return text[:19]
    return value


def compare(expected: dict[str, dict[str, object] | None], actual: dict[str, dict[str, object] | None],
            engine: str) -> list[str]:
    """Differences between DuckDB's fingerprint and the engine's, one line each."""
    problems = []
    for mart in sorted(set(expected) | set(actual)):
        want, got = expected.get(mart), actual.get(mart)
        if want is None or got is None:
            problems.append(f"{mart}: built on {'DuckDB' if want else engine} only")
            continue
        for measure in sorted(set(want) | set(got)):
            a, b = _normalised(measure, want.get(measure)), _normalised(measure, got.get(measure))
            if measure.endswith(".sum") and a is not None and b is not None:
                if math.isclose(float(a), float(b), rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-6):
                    continue
            elif a == b:
                continue
            problems.append(f"{mart}.{measure}: DuckDB {want.get(measure)!r}, {engine} {got.get(measure)!r}")
    return problems


def compared_summary(expected: dict[str, dict[str, object] | None]) -> str:
    marts = {name: table for name, table in expected.items() if table}
    measures = sum(len(table) for table in marts.values())
    rows = sum(int(table["rows"]) for table in marts.values())
    return f"{len(marts)} marts, {rows:,} rows, {measures} measures"


def base_env(target: str, raw_dir: Path, target_path: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "LEAD_LIFECYCLE_TARGET": target,
        "LEAD_LIFECYCLE_RAW_DIR": str(raw_dir),
        "DBT_TARGET_PATH": target_path,
        "DBT_LOG_PATH": f"logs_{target_path}",
    })
    return env


def duckdb_fingerprint(raw_dir: Path, database: Path | None, timer: Timer,
                       exclude: list[str]) -> dict[str, dict[str, object] | None]:
    """DuckDB's fingerprint of the raw folder: from `database` or from a fresh build."""
    if database is None:
        database = REPO_ROOT / "warehouse" / "engines" / f"{raw_dir.name}_{raw_dir.parent.name}.duckdb"
        env = base_env("ci", raw_dir, "target_engines_duckdb")
        env["LEAD_LIFECYCLE_DUCKDB_PATH"] = str(database)
        database.parent.mkdir(parents=True, exist_ok=True)
        database.unlink(missing_ok=True)
        with timer.step("duckdb: build (with seeds)"):
            # a failing test of the reference build fails DuckDB's own leg of make test;
            # here only its marts matter (one that was not built shows as a difference)
            run([DBT, "build", "--quiet", "--exclude", *exclude], env, check=False)
    env = base_env("ci", raw_dir, "target_engines_duckdb")
    env["LEAD_LIFECYCLE_DUCKDB_PATH"] = str(database)
    with timer.step("duckdb: fingerprint"):
        return fingerprint(env)


def build(env: dict[str, str], timer: Timer, engine: str, exclude: list[str]) -> Counter[tuple[str, str]]:
    """dbt build: seeds, models, snapshots and tests in DAG order (no source reads a
    seed, so the seeds need no separate `dbt seed` first; one Spark session fewer)."""
    exclude_args = ["--exclude", *exclude] if exclude else []
    with timer.step(f"{engine}: dbt build (with seeds)"):
        completed = run([DBT, "build", *exclude_args], env, check=False)
    counts = status_counts(REPO_ROOT / env["DBT_TARGET_PATH"])
    if completed.returncode != 0:
        print(format_counts(counts))
        raise SystemExit(f"{engine}: dbt build failed")
    return counts


def run_postgres(raw_dir: Path, timer: Timer) -> tuple[Counter[tuple[str, str]], dict]:
    from scripts.pg_cluster import throwaway_cluster

    env = base_env("postgres", raw_dir, "target_postgres")
    with timer.step("postgres: start cluster"):
        cluster_context = throwaway_cluster()
        cluster = cluster_context.__enter__()
    try:
        env.update(cluster.env)
        with timer.step("postgres: load raw (COPY)"):
            run([sys.executable, "-m", "scripts.load_raw", "--engine", "postgres", "--raw-dir", str(raw_dir),
                 "--out", "warehouse/engines/postgres_load", "--execute"], env)
        counts = build(env, timer, "postgres", [])
        with timer.step("postgres: fingerprint"):
            marts = fingerprint(env)
    finally:
        with timer.step("postgres: stop cluster"):
            cluster_context.__exit__(None, None, None)
    return counts, marts


class _Tee(io.TextIOBase):
    """Writes to the terminal and keeps a copy (dbt's output, in process)."""

    def __init__(self, terminal: TextIO) -> None:
        self.terminal, self.copy = terminal, io.StringIO()

    def write(self, text: str) -> int:
        self.terminal.write(text)
        self.terminal.flush()
        return self.copy.write(text)


def dbt_in_process(args: list[str], env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run dbt in this Python process, so that every Spark step shares one Spark session
    (in session mode each dbt process starts its own JVM and metastore: a minute each
    on a busy 2-core machine). Same result shape as run()."""
    from dbt.cli.main import dbtRunner

    os.environ.update(env)
    tee = _Tee(sys.stdout)
    with contextlib.redirect_stdout(tee):
        result = dbtRunner().invoke(args)
    completed = subprocess.CompletedProcess(["dbt", *args], 0 if result.success else 1, tee.copy.getvalue())
    if check and completed.returncode != 0:
        raise subprocess.CalledProcessError(completed.returncode, completed.args)
    return completed


def run_spark(raw_dir: Path, timer: Timer) -> tuple[Counter[tuple[str, str]], dict]:
    """The Spark leg, in this process: one local Spark session for the load and every
    dbt step (load_raw's and dbt-spark's settings are the same, scripts/spark_session.py)."""
    from scripts import load_raw

    spark_dir = REPO_ROOT / "warehouse" / "engines" / "spark"
    shutil.rmtree(spark_dir, ignore_errors=True)
    env = base_env("spark", raw_dir, "target_spark")
    env["LEAD_LIFECYCLE_SPARK_DIR"] = str(spark_dir)
    os.environ.update(env)
    os.chdir(REPO_ROOT)
    with timer.step("spark: load raw (Parquet tables)"):
        for relation, rows in load_raw.load_spark(load_raw.inspect_raw_files(raw_dir)).items():
            print(f"{relation:<40} {rows:>12,} rows")
    with timer.step("spark: dbt build (with seeds)"):
        completed = dbt_in_process(["build", *SPARK_BUILD_SELECTION], env, check=False)
    counts = status_counts(REPO_ROOT / env["DBT_TARGET_PATH"])
    if completed.returncode != 0:
        print(format_counts(counts))
        raise SystemExit("spark: dbt build failed")
    # A second run of the incremental models takes the insert_overwrite path (the
    # first build created them); their tests then run on the rewritten partitions.
    with timer.step("spark: incremental run + tests"):
        completed = dbt_in_process(["build", "--select", "config.materialized:incremental",
                                    "--exclude", *SPARK_EXCLUDED], env, check=False)
    incremental_counts = status_counts(REPO_ROOT / env["DBT_TARGET_PATH"])
    print("=== spark: incremental run of the incremental models and their tests")
    print(format_counts(incremental_counts))
    if completed.returncode != 0:
        raise SystemExit("spark: incremental run failed")
    with timer.step("spark: fingerprint"):
        marts = fingerprint(env, runner=dbt_in_process)
    return counts, marts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("engine", choices=("postgres", "spark"))
    parser.add_argument("--raw-dir", type=Path, required=True)
    parser.add_argument("--duckdb", type=Path, default=None,
                        help="DuckDB file already built from the same raw folder (default: build one)")
    args = parser.parse_args(argv)
    raw_dir = args.raw_dir.resolve()
    timer = Timer()

    if args.engine == "postgres":
        counts, marts = run_postgres(raw_dir, timer)
        expected = duckdb_fingerprint(raw_dir, args.duckdb, timer, ["resource_type:unit_test"])
    else:
        counts, marts = run_spark(raw_dir, timer)
        expected = duckdb_fingerprint(raw_dir, args.duckdb, timer, SPARK_EXCLUDED)

    problems = compare(expected, marts, args.engine)
    print(f"\n=== {args.engine}: dbt build results")
    print(format_counts(counts))
    print(f"=== {args.engine} vs DuckDB marts ({compared_summary(expected)}): "
          f"{'equal' if not problems else f'{len(problems)} difference(s)'}")
    for problem in problems:
        print(f"  {problem}")
    print(f"=== {args.engine}: timings")
    print(timer.report())
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
