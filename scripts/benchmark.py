"""Benchmark the whole job: full `dbt build`, its floor, and a daily incremental run.

For every scale factor this script

1. generates the raw demo files (`python -m scripts.generate_demo_data --scale S`);
2. times the **floor**: one DuckDB query that reads every raw file once and computes
   per-contact aggregates (rows, first and last event per contact key), the least any
   warehouse build must do;
3. times a **full build**: `dbt build` (seeds, models, snapshots, unit and data tests)
   into a fresh DuckDB file;
4. appends **one new day** of events (`scripts.raw_events.append_new_day`: the newest
   day of page views, tracks, identifies and e-mail events copied a day later) and
   times the **incremental run**: the daily run of `make daily` on the same file
   (`dbt build --selector daily` with the data tests of the large tables on the recent
   window, doc data_test_window).

Each dbt step is measured for wall time, peak memory (the largest resident set size of
the process tree: dbt runs DuckDB in-process) and disk spill (the largest size the
DuckDB temp directory reached, polled every half second), and broken down by phase
(seeds, staging, web, lifecycle, marts, snapshots, tests) from dbt's run_results.json:
the sum of the nodes' execution times, which with two threads can exceed the wall time.

    python -m scripts.benchmark --scales 1 10 50
    python -m scripts.benchmark --scales 50 --skip-generate --memory-limit 8GB

Results go to `<out>/benchmark.json` and `<out>/benchmark.md` (default
reports/benchmark/), rewritten after every step so a long run can be read while it goes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
from tqdm import tqdm

from scripts import contract
from scripts.raw_events import append_new_day, raw_reader

REPO_ROOT = Path(__file__).resolve().parents[1]
# The daily run as `make daily` runs it (doc data_test_window)
DAILY_RUN = ("build", "--selector", "daily", "--vars", "{data_test_window_days: 3}")

# Prints the peak RSS (KiB on Linux) of the command it runs, after the command ends.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " file=sys.stderr)\n"
    "sys.exit(code)\n"
)

# The key the floor groups each raw table by: the contact a row belongs to where the
# table has one, else the table's own key.
FLOOR_KEYS = {
    "crm/contacts": "hs_object_id",
    "crm/contact_property_history": "object_id",
    "crm/engagements": "contact_id",
    "crm/deals": "associated_contact_id",
    "marketing/form_submissions": "lower(email)",
    "marketing/email_events": "lower(recipient)",
    "marketing/engagements": "lower(email)",
    "web/pages": "coalesce(user_id, anonymous_id)",
    "web/tracks": "coalesce(user_id, anonymous_id)",
    "web/identifies": "coalesce(user_id, anonymous_id)",
}
PHASES = ("seeds", "staging", "web", "lifecycle", "marts", "snapshots", "tests")


@dataclass(frozen=True)
class StepResult:
    scale: float
    step: str
    seconds: float
    peak_rss_mb: float = 0.0
    spill_mb: float = 0.0
    exit_code: int = 0
    rows: int | None = None  # raw rows read (floor) or appended (new day)
    phases: dict[str, float] = field(default_factory=dict)  # node seconds per phase
    failed: tuple[str, ...] = ()  # nodes that failed or errored (a dbt step's exit 1)


# --------------------------------------------------------------------------- measuring


def write_profile(work_dir: Path, duckdb_path: Path, memory_limit: str, threads: int) -> Path:
    """A DuckDB profile with the benchmark's memory limit, threads and spill folder.

    Returns the directory to use as DBT_PROFILES_DIR. The spill folder is the scale's
    `spill/` directory, so its size can be measured.
    """
    profile_dir = work_dir / "profile"
    profile_dir.mkdir(parents=True, exist_ok=True)
    (profile_dir / "profiles.yml").write_text(
        "lead_lifecycle:\n"
        "  target: benchmark\n"
        "  outputs:\n"
        "    benchmark:\n"
        "      type: duckdb\n"
        f"      path: '{duckdb_path}'\n"
        "      schema: main\n"
        f"      threads: {threads}\n"
        "      settings:\n"
        f"        memory_limit: '{memory_limit}'\n"
        "        preserve_insertion_order: false\n"
        # set when the database opens: dbt-duckdb applies `settings` again on every
        # cursor, and DuckDB refuses a new temp_directory once it has spilled there
        "      config_options:\n"
        f"        temp_directory: '{work_dir / 'spill'}'\n"
    )
    return profile_dir


def dbt_env(
    duckdb_path: Path, raw_dir: Path, work_dir: Path, profiles_dir: Path | None = None
) -> dict[str, str]:
    """Environment for an isolated dbt run: own DuckDB file, raw files, target and logs."""
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(profiles_dir or REPO_ROOT),
        LEAD_LIFECYCLE_DUCKDB_PATH=str(duckdb_path),
        LEAD_LIFECYCLE_RAW_DIR=str(raw_dir),
        DBT_TARGET_PATH=str(work_dir / "target"),
        DBT_LOG_PATH=str(work_dir / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return env


def dbt_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "dbt"), *args]


def folder_mb(path: Path) -> float:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass  # a spill file removed while walking
    return total / 2**20


class SpillWatcher:
    """Polls a folder's size in a thread and keeps the largest size seen (MiB)."""

    def __init__(self, folder: Path, every: float = 0.5) -> None:
        self.folder, self.every, self.peak_mb = folder, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, folder_mb(self.folder))
            self._stop.wait(self.every)

    def __enter__(self) -> SpillWatcher:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, folder_mb(self.folder))


def run_measured(
    command: list[str], env: dict[str, str], spill_dir: Path | None = None, check: bool = True
) -> tuple[float, float, float, int, str]:
    """Run a command; return (wall seconds, peak RSS MiB, peak spill MiB, exit code, output)."""
    started = time.perf_counter()
    watcher = SpillWatcher(spill_dir) if spill_dir else None
    if watcher:
        watcher.__enter__()
    try:
        result = subprocess.run(
            [sys.executable, "-c", _MEASURE, *command],
            cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False,
        )
    finally:
        if watcher:
            watcher.__exit__()
    seconds = time.perf_counter() - started
    if check and result.returncode != 0:
        raise RuntimeError(
            f"command failed ({result.returncode}): {' '.join(command)}\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    peak_kb = 0
    for line in result.stderr.splitlines():
        if line.startswith("PEAK_RSS_KB"):
            peak_kb = int(line.split()[1])
    # ru_maxrss is in KiB on Linux and in bytes on macOS
    peak_mb = peak_kb / 1024 / (1024 if platform.system() == "Darwin" else 1)
    spill = watcher.peak_mb if watcher else 0.0
    return seconds, peak_mb, spill, result.returncode, result.stdout


def phase_of(node: dict) -> str:
    """The benchmark phase of a manifest node, by resource type and folder."""
    kind = node.get("resource_type")
    if kind in ("test", "unit_test"):
        return "tests"
    if kind in ("seed", "snapshot"):
        return f"{kind}s"
    path = node.get("original_file_path", "")
    if path.startswith("models/staging/"):
        return "staging"
    if path.startswith("models/intermediate/web/"):
        return "web"
    if path.startswith("models/intermediate/"):
        return "lifecycle"
    return "marts"


def phase_seconds(target_dir: Path) -> tuple[dict[str, float], tuple[str, ...]]:
    """Sum of node execution times per phase, and the nodes that failed or errored,
    from a dbt invocation's artifacts. A dbt call that stopped before it ran any node
    (a parse error) leaves no run_results.json: no phase time, and the step is marked."""
    try:
        manifest = json.loads((target_dir / "manifest.json").read_text())
        results = json.loads((target_dir / "run_results.json").read_text())["results"]
    except (OSError, ValueError, KeyError):
        return dict.fromkeys(PHASES, 0.0), ("(dbt wrote no run results)",)
    nodes = {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}
    totals = dict.fromkeys(PHASES, 0.0)
    failed = []
    for result in results:
        node = nodes.get(result["unique_id"], {"resource_type": result["unique_id"].split(".")[0]})
        totals[phase_of(node)] += result.get("execution_time") or 0.0
        if result.get("status") in ("fail", "error"):
            failed.append(node.get("name") or result["unique_id"])
    return {phase: round(seconds, 1) for phase, seconds in totals.items()}, tuple(failed)


# --------------------------------------------------------------------------- the floor


def floor_query(raw_dir: Path) -> str:
    """One query over every raw file: rows, first and last event per contact key."""
    parts = []
    for table in contract.tables():
        path = raw_dir / table.relative_path
        if not path.exists() or path.stat().st_size == 0:
            continue
        reader = raw_reader(path, table.file_format)
        key = FLOOR_KEYS.get(f"{table.source}/{table.name}", f'"{table.primary_key[0]}"')
        moments = [c.name for c in table.columns if c.type in ("timestamp", "epoch_ms", "date")]
        moment = f'cast("{moments[0]}" as varchar)' if moments else "null"
        parts.append(
            f"select '{table.relative_path}' as raw_file, cast({key} as varchar) as contact_key,"
            f" count(*) as row_count, min({moment}) as first_event, max({moment}) as last_event"
            f" from {reader} group by 2"
        )
    return (
        "select raw_file, count(*) as contact_keys, sum(row_count) as row_count from (\n"
        + "\nunion all\n".join(parts)
        + "\n) group by raw_file"
    )


def run_floor(raw_dir: Path, memory_limit: str, threads: int) -> tuple[float, int]:
    """Time the floor query; return (seconds, raw rows read)."""
    con = duckdb.connect(config={"memory_limit": memory_limit, "threads": threads})
    try:
        started = time.perf_counter()
        rows = con.execute(floor_query(raw_dir)).fetchall()
        return time.perf_counter() - started, int(sum(row[2] for row in rows))
    finally:
        con.close()


# --------------------------------------------------------------------------- one scale


def benchmark_scale(
    scale: float,
    data_dir: Path,
    seed: int,
    skip_generate: bool,
    memory_limit: str,
    threads: int,
    on_step: Callable[[StepResult], None] = lambda result: None,
) -> None:
    """Run the steps of one scale; `on_step` sees each result as soon as it is known."""
    scale_dir = data_dir / f"scale_{scale:g}"
    raw_dir = scale_dir / "raw"
    duckdb_path = scale_dir / "benchmark.duckdb"
    spill_dir = scale_dir / "spill"
    profiles_dir = write_profile(scale_dir, duckdb_path, memory_limit, threads)
    env = dbt_env(duckdb_path, raw_dir, scale_dir, profiles_dir)

    if not skip_generate or not (raw_dir / "web" / "pages.parquet").exists():
        shutil.rmtree(raw_dir, ignore_errors=True)
        seconds, peak, _, _, _ = run_measured(
            [sys.executable, "-m", "scripts.generate_demo_data", "--scale", f"{scale:g}",
             "--seed", str(seed), "--out", str(raw_dir)],
            env,
        )
        on_step(StepResult(scale, "generate", round(seconds, 1), round(peak, 1)))
    for path in (duckdb_path, duckdb_path.with_suffix(".duckdb.wal")):
        path.unlink(missing_ok=True)
    shutil.rmtree(spill_dir, ignore_errors=True)
    spill_dir.mkdir(parents=True)

    seconds, rows = run_floor(raw_dir, memory_limit, threads)
    on_step(StepResult(scale, "floor", round(seconds, 1), rows=rows))

    for step in ("full build", "new day", "incremental run"):
        if step == "new day":
            started = time.perf_counter()
            added = append_new_day(raw_dir)
            on_step(StepResult(scale, step, round(time.perf_counter() - started, 1),
                               rows=sum(added.values())))
            continue
        (scale_dir / "target" / "run_results.json").unlink(missing_ok=True)
        args = ("build",) if step == "full build" else DAILY_RUN
        seconds, peak, spill, code, _ = run_measured(
            dbt_command(*args), env, spill_dir=spill_dir, check=False
        )
        phases, failed = phase_seconds(scale_dir / "target")
        on_step(StepResult(scale, step, round(seconds, 1), round(peak, 1), round(spill, 1),
                           code, phases=phases, failed=failed))


# --------------------------------------------------------------------------- report


def summary(results: list[StepResult]) -> list[dict[str, float | None]]:
    """Per scale: the ratios the benchmark is judged by."""
    rows = []
    for scale in dict.fromkeys(r.scale for r in results):
        steps = {r.step: r for r in results if r.scale == scale}
        full, floor, incremental = (steps.get(k) for k in ("full build", "floor", "incremental run"))
        rows.append({
            "scale": scale,
            "floor_s": floor.seconds if floor else None,
            "full_s": full.seconds if full else None,
            "full_over_floor": round(full.seconds / floor.seconds, 1)
            if full and floor and floor.seconds else None,
            "incremental_s": incremental.seconds if incremental else None,
            "incremental_over_full": round(incremental.seconds / full.seconds, 3)
            if incremental and full else None,
            "peak_rss_mb": max((r.peak_rss_mb for r in steps.values()), default=0.0),
            "spill_mb": max((r.spill_mb for r in steps.values()), default=0.0),
        })
    for previous, current in zip(rows, rows[1:]):
        if previous["full_s"] and current["full_s"]:
            current["data_growth"] = round(current["scale"] / previous["scale"], 2)
            current["time_growth"] = round(current["full_s"] / previous["full_s"], 2)
    return rows


def _cell(value: object, suffix: str = "") -> str:
    return "" if value is None else f"{value}{suffix}"


def write_report(results: list[StepResult], out_dir: Path, memory_limit: str, threads: int) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    generated_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = summary(results)
    payload = {
        "generated_at": generated_at,
        "memory_limit": memory_limit,
        "threads": threads,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "summary": rows,
        "results": [asdict(result) for result in results],
    }
    (out_dir / "benchmark.json").write_text(json.dumps(payload, indent=2) + "\n")
    lines = [
        "# Benchmark of the whole job",
        "",
        f"Generated {generated_at} on {os.cpu_count()} CPUs; DuckDB memory_limit "
        f"{memory_limit}, {threads} threads. The full build is `dbt build` (seeds, models, "
        "snapshots, unit and data tests), the incremental run the daily run of `make daily` "
        "(the large tables' data tests on the last 3 days, the whole-table checks tagged "
        "nightly and the unit tests left to the full run); the floor is one DuckDB query "
        "reading every raw file once with per-contact aggregates; the new day appends the "
        "newest day of page views, tracks, identifies and e-mail events one day later.",
        "",
        "| scale | floor s | full build s | full / floor | incremental s | incremental / full "
        "| peak RSS MiB | spill MiB | data x | time x |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['scale']:g} | {_cell(row['floor_s'])} | {_cell(row['full_s'])} | "
            f"{_cell(row['full_over_floor'])} | {_cell(row['incremental_s'])} | "
            f"{_cell(row['incremental_over_full'])} | {row['peak_rss_mb']:.0f} | "
            f"{row['spill_mb']:.0f} | {_cell(row.get('data_growth'))} | "
            f"{_cell(row.get('time_growth'))} |"
        )
    lines += [
        "",
        "## Steps",
        "",
        "| scale | step | seconds | peak RSS MiB | spill MiB | exit | rows | "
        + " | ".join(f"{phase} s" for phase in PHASES) + " |",
        "|---:|---|---:|---:|---:|---:|---:|" + "---:|" * len(PHASES),
    ]
    for r in results:
        phases = " | ".join(_cell(r.phases.get(phase)) for phase in PHASES)
        lines.append(
            f"| {r.scale:g} | {r.step} | {r.seconds:.1f} | {r.peak_rss_mb:.0f} | "
            f"{r.spill_mb:.0f} | {r.exit_code} | {_cell(r.rows)} | {phases} |"
        )
    lines += [
        "",
        "Phase columns are the sum of the nodes' execution times (dbt's run_results.json); "
        "with several threads they add up to more than the wall time. An exit code other "
        "than 0 means a node failed (listed below): the timing still covers the whole build.",
    ]
    for r in results:
        if r.failed:
            lines.append(f"- scale {r.scale:g}, {r.step}: failed {', '.join(r.failed)}")
    path = out_dir / "benchmark.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0, 50.0],
                        help="scale factors of the demo data (1 = ~20k contacts, ~1M page views)")
    parser.add_argument("--skip-generate", action="store_true",
                        help="reuse raw files already generated for a scale")
    parser.add_argument("--seed", type=int, default=42, help="generator seed")
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / "data" / "benchmark",
                        help="where raw files, DuckDB files and spill of each scale go")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "reports" / "benchmark",
                        help="where benchmark.json and benchmark.md are written")
    parser.add_argument("--memory-limit", default="8GB", help="DuckDB memory_limit (default 8GB)")
    parser.add_argument("--threads", type=int, default=2, help="dbt and DuckDB threads")
    args = parser.parse_args(argv)
    if any(scale <= 0 for scale in args.scales):
        parser.error("--scales must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results: list[StepResult] = []

    def record(result: StepResult) -> None:
        results.append(result)
        write_report(results, args.out, args.memory_limit, args.threads)  # partial results

    for scale in tqdm(args.scales, desc="scales", unit="scale"):
        benchmark_scale(scale, args.data_dir.resolve(), args.seed, args.skip_generate,
                        args.memory_limit, args.threads, record)
    path = write_report(results, args.out, args.memory_limit, args.threads)
    print(path.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
