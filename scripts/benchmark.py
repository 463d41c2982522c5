"""Benchmark the web models: full build, late events, incremental run, per scale factor.

For every scale factor this script

1. generates the raw demo files with the generator's CLI
   (`python -m scripts.generate_demo_data --scale S --seed SEED --out DIR`),
2. seeds the reference tables and runs a full build (`--full-refresh`) of the web
   models and their parents into a fresh DuckDB file,
3. appends late and out-of-order events to the raw Segment files
   (`append_late_events`: views that join or split sessions, move a session start,
   open a session in a gap, a new browser, and late identify calls), and
4. runs the same selection incrementally,

measuring wall time and peak memory (maximum resident set size of the dbt process,
which runs DuckDB in-process) of each step. Results go to
`<out>/benchmark.json` and `<out>/benchmark.md`.

    python -m scripts.benchmark --scales 1 10 50
    python -m scripts.benchmark --scales 50 --skip-generate   # reuse generated files

The late-event helper is also used by tests_py/test_web_incremental.py, which checks
that the incremental tables equal a full refresh row for row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
from tqdm import tqdm

REPO_ROOT = Path(__file__).resolve().parents[1]

# The web models and, through "+", every parent (staging views, seeds, int_contacts_merged).
DEFAULT_SELECT = (
    "+int_sessions_aggregated",
    "+int_page_views_stitched",
    "+int_web_activities_aggregated",
)
WEB_SEEDS = ("channel_mapping", "content_catalog")
INCREMENTAL_TABLES = ("int_page_views_sessionized", "int_sessions_aggregated")

# Prints the peak RSS (KiB on Linux) of the command it runs, after the command ends.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass(frozen=True)
class StepResult:
    scale: float
    step: str
    seconds: float
    peak_rss_mb: float
    page_views: int | None = None
    sessions: int | None = None


@dataclass(frozen=True)
class LateEvents:
    """How many rows of each kind append_late_events added."""

    joining_views: int
    session_start_moves: int
    gap_sessions: int
    moved_views: int
    new_browser_views: int
    late_identifies: int

    @property
    def total(self) -> int:
        return sum(asdict(self).values())


# --------------------------------------------------------------------------- late events


def append_late_events(raw_dir: Path, browsers: int = 20) -> LateEvents:
    """Append late, out-of-order Segment events to `raw_dir`/web/*.parquet in place.

    Every new row is received after the newest received_at already in the file (a late
    arrival) while its timestamp lies in the past (out of order). Per kind, up to
    `browsers` browsers get:

    - joining view: a view in the middle of a gap of 30-58 minutes between two views,
      which joins their two sessions into one;
    - session-start move: a view 10 minutes before the first view of a session, which
      changes that session's start (and so its id);
    - gap session: a view 2 hours after a view followed by 6+ hours of inactivity,
      which opens a new session between two others;
    - moved view: an existing page view sent again (same id) with a timestamp 2 hours
      earlier; staging keeps the latest version, so the view leaves its session and
      can split it;
    - new browser: three views of a browser never seen before;
    - late identify: an identify call tying a never-identified browser to an existing
      CRM contact, so its past sessions must be stitched retroactively.
    """
    pages_path = raw_dir / "web" / "pages.parquet"
    identifies_path = raw_dir / "web" / "identifies.parquet"
    contacts_path = raw_dir / "crm" / "contacts.csv"
    forms_path = raw_dir / "marketing" / "form_submissions.csv"
    con = duckdb.connect()
    try:
        con.execute("set timezone = 'UTC'")
        con.execute(f"create table pages as select * from read_parquet('{pages_path}')")
        con.execute(f"create table identifies as select * from read_parquet('{identifies_path}')")
        con.execute(
            """
            create table ordered as
            select
                *,
                row_number() over (partition by anonymous_id order by "timestamp", id) as rn,
                lag("timestamp") over (partition by anonymous_id order by "timestamp", id)
                    as previous_at,
                lead("timestamp") over (partition by anonymous_id order by "timestamp", id)
                    as next_at
            from pages
            """
        )
        con.execute("create table late_pages as select * from pages where false")
        received = "(select max(received_at) from pages) + interval 1 hour"
        columns = [row[0] for row in con.execute("describe pages").fetchall()]

        def add_views(kind: str, selection: str, timestamp_sql: str, id_sql: str) -> int:
            exprs = []
            for column in columns:
                if column == "id":
                    exprs.append(f"{id_sql} as id")
                elif column == "timestamp":
                    exprs.append(f'{timestamp_sql} as "timestamp"')
                elif column == "received_at":
                    exprs.append(f"{received} + to_minutes(row_number() over ()) as received_at")
                else:
                    exprs.append(f'"{column}"')
            before = con.execute("select count(*) from late_pages").fetchone()[0]
            con.execute(
                f"insert into late_pages select {', '.join(exprs)} "
                f"from ({selection} order by anonymous_id, rn limit {browsers})"
            )
            return con.execute("select count(*) from late_pages").fetchone()[0] - before

        new_id = "'late-' || {kind} || '-' || id"
        joining = add_views(
            "joining",
            "select * from ordered where next_at >= \"timestamp\" + interval 30 minute"
            " and next_at < \"timestamp\" + interval 58 minute and rn % 7 = 1",
            "\"timestamp\" + (next_at - \"timestamp\") / 2",
            new_id.format(kind="'join'"),
        )
        moved_starts = add_views(
            "start",
            "select * from ordered where (previous_at is null"
            " or previous_at < \"timestamp\" - interval 60 minute) and rn % 11 = 2",
            "\"timestamp\" - interval 10 minute",
            new_id.format(kind="'start'"),
        )
        gaps = add_views(
            "gap",
            "select * from ordered where next_at > \"timestamp\" + interval 6 hour"
            " and rn % 13 = 3",
            "\"timestamp\" + interval 2 hour",
            new_id.format(kind="'gap'"),
        )
        moved = add_views(
            "moved",
            "select * from ordered where previous_at is not null and next_at is not null"
            " and next_at < \"timestamp\" + interval 30 minute and rn % 17 = 4",
            "\"timestamp\" - interval 2 hour",
            "id",
        )
        new_browser = 0
        for offset in range(3):
            new_browser += add_views(
                "browser",
                "select * from ordered where rn = 1 and anonymous_id like '%0'",
                f"\"timestamp\" - interval 3 day + interval {offset * 5} minute",
                f"'late-browser-{offset}-' || id",
            )
        con.execute(
            "update late_pages set anonymous_id = 'late-browser-' || anonymous_id, "
            "user_id = null where id like 'late-browser-%'"
        )

        # late identify calls: never-identified browsers tied to existing contacts
        con.execute(
            f"""
            create table late_identifies as
            with anonymous_browsers as (
                select anonymous_id, min("timestamp") as first_at,
                    row_number() over (order by anonymous_id) as n
                from pages
                where anonymous_id not in (select anonymous_id from identifies)
                  and anonymous_id not in (
                      select hutk from read_csv('{forms_path}', all_varchar = true)
                      where hutk is not null
                  )
                group by anonymous_id
                having count(user_id) = 0
                order by anonymous_id
                limit {browsers}
            ),
            contacts as (
                select cast(hs_object_id as varchar) as user_id,
                    row_number() over (order by hs_object_id) as n
                from read_csv('{contacts_path}', all_varchar = true)
                where hs_object_id is not null
                  and coalesce(merged_into_object_id, '') = ''
            )
            select
                'late-identify-' || anonymous_browsers.anonymous_id as id,
                anonymous_browsers.anonymous_id,
                contacts.user_id,
                cast(null as varchar) as email,
                anonymous_browsers.first_at + interval 1 day as "timestamp",
                {received} as received_at
            from anonymous_browsers
            inner join contacts on anonymous_browsers.n = contacts.n
            """
        )
        identify_columns = [row[0] for row in con.execute("describe identifies").fetchall()]
        late_identifies = con.execute("select count(*) from late_identifies").fetchone()[0]

        con.execute("insert into pages by name select * from late_pages")
        con.execute(
            f"insert into identifies by name select {', '.join(identify_columns)} "
            "from late_identifies"
        )
        for table, path in (("pages", pages_path), ("identifies", identifies_path)):
            tmp = path.with_suffix(".parquet.tmp")
            con.execute(f"copy {table} to '{tmp}' (format parquet)")
            os.replace(tmp, path)
        return LateEvents(
            joining_views=joining,
            session_start_moves=moved_starts,
            gap_sessions=gaps,
            moved_views=moved,
            new_browser_views=new_browser,
            late_identifies=late_identifies,
        )
    finally:
        con.close()


# --------------------------------------------------------------------------- dbt runs


def write_profile(work_dir: Path, duckdb_path: Path, memory_limit: str) -> Path:
    """A DuckDB profile with an explicit memory limit.

    The repository's profiles.yml leaves DuckDB at its defaults (memory limit 80 % of
    RAM); on a shared machine the benchmark caps it so that large scales spill to disk
    (DuckDB's default spill directory next to the database file) instead of competing
    for memory. Returns the directory to use as DBT_PROFILES_DIR.
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
        "      threads: 2\n"
        "      settings:\n"
        f"        memory_limit: '{memory_limit}'\n"
        "        preserve_insertion_order: false\n"
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


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak RSS in MiB). Raise on failure."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
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
    return seconds, peak_mb


def dbt_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "dbt"), *args]


def count_rows(duckdb_path: Path) -> tuple[int, int]:
    con = duckdb.connect(str(duckdb_path), read_only=True)
    try:
        page_views = con.execute(
            "select count(*) from intermediate.int_page_views_sessionized"
        ).fetchone()[0]
        sessions = con.execute(
            "select count(*) from intermediate.int_sessions_aggregated"
        ).fetchone()[0]
        return page_views, sessions
    finally:
        con.close()


def benchmark_scale(
    scale: float,
    data_dir: Path,
    seed: int,
    select: list[str],
    skip_generate: bool,
    late_browsers: int,
    memory_limit: str | None,
    on_step: Callable[[StepResult], None] = lambda result: None,
) -> list[StepResult]:
    """Run the steps of one scale; `on_step` sees each result as soon as it is known."""
    scale_dir = data_dir / f"scale_{scale:g}"
    raw_dir = scale_dir / "raw"
    duckdb_path = scale_dir / "benchmark.duckdb"
    profiles_dir = write_profile(scale_dir, duckdb_path, memory_limit) if memory_limit else None
    env = dbt_env(duckdb_path, raw_dir, scale_dir, profiles_dir)
    results = _ReportingList(on_step)

    if not skip_generate or not (raw_dir / "web" / "pages.parquet").exists():
        seconds, peak = run_measured(
            [sys.executable, "-m", "scripts.generate_demo_data", "--scale", f"{scale:g}",
             "--seed", str(seed), "--out", str(raw_dir)],
            env,
        )
        results.append(StepResult(scale, "generate", round(seconds, 1), round(peak, 1)))
    for path in (duckdb_path, duckdb_path.with_suffix(".duckdb.wal")):
        path.unlink(missing_ok=True)

    seconds, peak = run_measured(dbt_command("seed", "--select", *WEB_SEEDS), env)
    results.append(StepResult(scale, "seed", round(seconds, 1), round(peak, 1)))

    seconds, peak = run_measured(dbt_command("run", "--full-refresh", "--select", *select), env)
    page_views, sessions = count_rows(duckdb_path)
    results.append(
        StepResult(scale, "full build", round(seconds, 1), round(peak, 1), page_views, sessions)
    )

    started = time.perf_counter()
    late = append_late_events(raw_dir, browsers=late_browsers)
    results.append(StepResult(scale, f"append {late.total} late events",
                              round(time.perf_counter() - started, 1), 0.0))

    seconds, peak = run_measured(dbt_command("run", "--select", *select), env)
    page_views, sessions = count_rows(duckdb_path)
    results.append(
        StepResult(scale, "incremental run", round(seconds, 1), round(peak, 1),
                   page_views, sessions)
    )
    return list(results)


class _ReportingList(list):
    """A list that calls `on_append` with every item appended."""

    def __init__(self, on_append: Callable[[StepResult], None]) -> None:
        super().__init__()
        self._on_append = on_append

    def append(self, item: StepResult) -> None:
        super().append(item)
        self._on_append(item)


# --------------------------------------------------------------------------- report


def write_report(
    results: list[StepResult], out_dir: Path, select: list[str], memory_limit: str | None = None
) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    generated_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    payload = {
        "generated_at": generated_at,
        "select": select,
        "memory_limit": memory_limit,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "results": [asdict(result) for result in results],
    }
    (out_dir / "benchmark.json").write_text(json.dumps(payload, indent=2) + "\n")
    lines = [
        "# Web models benchmark",
        "",
        f"Generated {generated_at} on {os.cpu_count()} CPUs; dbt selection: "
        f"`{' '.join(select)}`.",
        "Peak memory is the maximum resident set size of the step's process "
        "(dbt runs DuckDB in-process). DuckDB memory_limit: "
        f"{memory_limit or 'DuckDB default (80 % of RAM)'}.",
        "",
        "| scale | step | seconds | peak RSS (MiB) | page views | sessions |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.scale:g} | {r.step} | {r.seconds:.1f} | {r.peak_rss_mb:.0f} | "
            f"{'' if r.page_views is None else f'{r.page_views:,}'} | "
            f"{'' if r.sessions is None else f'{r.sessions:,}'} |"
        )
    path = out_dir / "benchmark.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0, 50.0],
                        help="scale factors of the demo data (1 = ~1M page views)")
    parser.add_argument("--skip-generate", action="store_true",
                        help="reuse raw files already generated for a scale")
    parser.add_argument("--seed", type=int, default=42, help="generator seed")
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / "data" / "benchmark",
                        help="where raw files and DuckDB files of each scale go")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "reports" / "benchmark",
                        help="where benchmark.json and benchmark.md are written")
    parser.add_argument("--select", nargs="+", default=list(DEFAULT_SELECT),
                        help="dbt selection to build (default: the web models and parents)")
    parser.add_argument("--memory-limit", default=None,
                        help="DuckDB memory_limit for the runs, for example 8GB (default: the "
                             "repository profile, that is DuckDB's own default)")
    parser.add_argument("--late-browsers", type=int, default=200,
                        help="browsers per kind of late event appended before the incremental run")
    args = parser.parse_args(argv)
    if any(scale <= 0 for scale in args.scales):
        parser.error("--scales must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results: list[StepResult] = []

    def record(result: StepResult) -> None:
        results.append(result)
        write_report(results, args.out, args.select, args.memory_limit)  # partial results

    for scale in tqdm(args.scales, desc="scales", unit="scale"):
        benchmark_scale(scale, args.data_dir.resolve(), args.seed, args.select,
                        args.skip_generate, args.late_browsers, args.memory_limit, record)
    path = write_report(results, args.out, args.select, args.memory_limit)
    print(path.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
