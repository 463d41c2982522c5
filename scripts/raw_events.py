"""Events appended to a raw folder's files in place, for incremental runs.

- `append_late_events`: late and out-of-order Segment events that join, split and move
  sessions and tie old browsers to contacts (tests_py/test_web_incremental.py proves
  the incremental web models equal a full refresh after them);
- `append_new_day`: the next day of events, a copy of the newest day of every growing
  table moved one day later with new ids (what a daily load brings; the benchmark times
  the incremental run after it).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from scripts import contract

def raw_reader(path: Path, file_format: str) -> str:
    """DuckDB table function reading one raw file as exported (CSV cells as text)."""
    if file_format == "parquet":
        return f"read_parquet('{path}')"
    return f"read_csv('{path}', all_varchar = true, header = true)"


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


# Tables a daily load grows: (source, name, column that dates the event). Their keys are
# text, so a copied row gets a new id by prefixing it.
NEW_DAY_TABLES = (
    ("web", "pages", "timestamp"),
    ("web", "tracks", "timestamp"),
    ("web", "identifies", "timestamp"),
    ("marketing", "email_events", "created"),
)
DAY_MS = 86_400_000


def _shifted(column: contract.Column, stored_type: str, shift: str = "interval 1 day") -> str:
    """SQL moving one column's value later by `shift` (an interval expression), in the
    type the file stores it."""
    quoted = f'"{column.name}"'
    if column.type == "epoch_ms":
        return (
            f"cast(cast({quoted} as bigint) + epoch_ms(timestamp '1970-01-01' + {shift})"
            f" as {stored_type})"
        )
    if stored_type == "VARCHAR":
        return (
            f"strftime(cast({quoted} as timestamptz) at time zone 'UTC' + {shift},"
            " '%Y-%m-%dT%H:%M:%S.%gZ')"
        )
    return f"{quoted} + {shift}"


def append_new_day(raw_dir: Path, day_number: int = 1) -> dict[str, int]:
    """Append the next day of events to every table of NEW_DAY_TABLES in place.

    The new rows are the table's newest 24 hours of events (by its event column), moved
    one day later, every timestamp column with them, and given new ids
    ('day<day_number>-<id>'). The column that says when the tool received a row (the
    table's freshness column, received_at for Segment) is moved further when needed, so
    the whole new day is received after everything already loaded, as a real daily
    load is. Returns the rows appended per table.
    """
    added: dict[str, int] = {}
    con = duckdb.connect()
    try:
        con.execute("set timezone = 'UTC'")
        for source, name, event_column in NEW_DAY_TABLES:
            table = contract.table(source, name)
            path = raw_dir / table.relative_path
            if not path.exists() or path.stat().st_size == 0:
                continue
            # a view: the file is streamed, never held in memory (46M page views at scale 50)
            con.execute(
                f"create or replace view events as select * from {raw_reader(path, table.file_format)}"
            )
            stored = {row[0]: row[1] for row in con.execute("describe events").fetchall()}
            present = list(stored)
            event = table.column(event_column)
            moment = (
                f'make_timestamp(cast("{event.name}" as bigint) * 1000)'
                if event.type == "epoch_ms" else f'cast("{event.name}" as timestamptz)'
            )
            newest_day = f"{moment} > (select max({moment}) from events) - interval 1 day"
            received_shift = "interval 1 day"
            if table.freshness_column in stored:
                received = f'cast("{table.freshness_column}" as timestamptz)'
                received_shift = (
                    "(select greatest(interval 1 day, "
                    f"max({received}) - min({received}) filter (where {newest_day})"
                    " + interval 1 second) from events)"
                )
            exprs = []
            for column_name in present:
                column = next((c for c in table.columns if c.name == column_name), None)
                if column_name in table.primary_key and column is not None and column.type == "string":
                    exprs.append(f"'day{day_number}-' || \"{column_name}\"")
                elif column is not None and column.type in ("timestamp", "epoch_ms"):
                    shift = received_shift if column_name == table.freshness_column else "interval 1 day"
                    exprs.append(_shifted(column, stored[column_name], shift))
                else:
                    exprs.append(f'"{column_name}"')
            con.execute(
                "create or replace table new_day as select "
                + ", ".join(f'{expr} as "{column}"' for expr, column in zip(exprs, present))
                + f" from events where {newest_day}"
            )
            added[f"{source}/{name}"] = con.execute("select count(*) from new_day").fetchone()[0]
            tmp = path.with_name(path.name + ".tmp")
            options = "format parquet" if table.file_format == "parquet" else "format csv, header true"
            con.execute(
                f"copy (select * from events union all select * from new_day) to '{tmp}' ({options})"
            )
            os.replace(tmp, path)
    finally:
        con.close()
    return added
