"""A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, a free
loopback port, torn down (stopped and deleted) on exit.

PostgreSQL refuses to run as root, so when this runs as root the cluster belongs to
a dedicated OS user (created when missing, without a home or a login shell). When
the server binaries are missing they are installed from Debian's packages
(postgresql-15), which needs root.

    with throwaway_cluster() as cluster:
        print(cluster.env)   # LEAD_LIFECYCLE_PG_* variables for the dbt profile

Or from a shell, to keep a cluster running while you try things (Ctrl-C stops it):

    python -m scripts.pg_cluster
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PG_VERSION = "15"
PG_BIN = Path(f"/usr/lib/postgresql/{PG_VERSION}/bin")
OS_USER = "lead_lifecycle_pg"
DB_USER = "lead_lifecycle"
DB_NAME = "lead_lifecycle"


@dataclass(frozen=True)
class Cluster:
    host: str
    port: int
    user: str
    database: str
    data_dir: Path

    @property
    def env(self) -> dict[str, str]:
        """The dbt profile's variables (profiles.yml, target postgres)."""
        return {
            "LEAD_LIFECYCLE_PG_HOST": self.host,
            "LEAD_LIFECYCLE_PG_PORT": str(self.port),
            "LEAD_LIFECYCLE_PG_USER": self.user,
            "LEAD_LIFECYCLE_PG_PASSWORD": "",
            "LEAD_LIFECYCLE_PG_DATABASE": self.database,
        }


def ensure_server(bin_dir: Path = PG_BIN) -> Path:
    """The server binaries folder; installs Debian's postgresql-15 when it is missing."""
    if (bin_dir / "initdb").exists():
        return bin_dir
    if os.geteuid() != 0:
        raise RuntimeError(f"{bin_dir}/initdb is missing; install postgresql-{PG_VERSION} (needs root)")
    print(f"installing postgresql-{PG_VERSION} from Debian's packages", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                    f"postgresql-{PG_VERSION}"], check=True, env=env, stdout=subprocess.DEVNULL)
    return bin_dir


def ensure_os_user(name: str = OS_USER) -> str | None:
    """The OS user that owns the cluster when running as root (None: run as oneself)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                       check=True)
    return name


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_user(os_user: str | None, command: list[str]) -> list[str]:
    return command if os_user is None else ["runuser", "-u", os_user, "--", *command]


@contextlib.contextmanager
def throwaway_cluster(parent: Path | None = None) -> Iterator[Cluster]:
    """Start an empty cluster with database DB_NAME owned by DB_USER; stop and delete it after."""
    bin_dir = ensure_server()
    os_user = ensure_os_user()
    root = Path(tempfile.mkdtemp(prefix="lead_lifecycle_pg_", dir=parent))
    data_dir, socket_dir = root / "data", root / "socket"
    socket_dir.mkdir()
    if os_user is not None:
        shutil.chown(root, os_user)
        shutil.chown(socket_dir, os_user)
    port = free_port()
    log = root / "server.log"
    started = False
    try:
        subprocess.run(_as_user(os_user, [
            str(bin_dir / "initdb"), "--pgdata", str(data_dir), "--username", DB_USER,
            "--auth", "trust", "--encoding", "UTF8", "--locale", "C.UTF-8",
        ]), check=True, stdout=subprocess.DEVNULL)
        # A test cluster: durability is not needed, speed is.
        options = (f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c timezone=UTC "
                   "-c shared_buffers=256MB -c work_mem=64MB")
        subprocess.run(_as_user(os_user, [
            str(bin_dir / "pg_ctl"), "--pgdata", str(data_dir), "--log", str(log),
            "--options", options, "--wait", "start",
        ]), check=True, stdout=subprocess.DEVNULL)
        started = True
        deadline = time.monotonic() + 30
        while subprocess.run([str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                             stdout=subprocess.DEVNULL, check=False).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL did not start; see {log}")
            time.sleep(0.5)
        subprocess.run([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", DB_USER,
                        DB_NAME], check=True)
        yield Cluster(host="127.0.0.1", port=port, user=DB_USER, database=DB_NAME, data_dir=data_dir)
    finally:
        if started:
            subprocess.run(_as_user(os_user, [
                str(bin_dir / "pg_ctl"), "--pgdata", str(data_dir), "--mode", "fast", "--wait", "stop",
            ]), check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run a throwaway PostgreSQL cluster until Ctrl-C.")
    parser.parse_args(argv)
    with throwaway_cluster() as cluster:
        for name, value in cluster.env.items():
            print(f"export {name}={value}")
        print("# Ctrl-C stops and deletes the cluster", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
