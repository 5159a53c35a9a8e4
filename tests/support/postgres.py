"""A throwaway PostgreSQL server on loopback for the test session, started from Debian's server binaries."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL server binaries are missing: run 'make test' (it installs the Debian "
                           "package 'postgresql') or set RECOFLOW_TEST_POSTGRES_URL to a server of yours.")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(args: list[str], user: str | None) -> list[str]:
    # initdb and postgres refuse to run as root: drop to the Debian 'postgres' user.
    return ["runuser", "-u", user, "--", *args] if user else args


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a private cluster on 127.0.0.1, yield its URL, then stop it and delete its files."""
    bindir = _bin_dir()
    user = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="recoflow-pg-"))
    data = root / "data"
    port = _free_port()
    if user:
        pw = pwd.getpwnam(user)
        os.chown(root, pw.pw_uid, pw.pw_gid)
    try:
        subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", "recoflow",
                                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], user),
                       check=True, capture_output=True)
        options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"),
                                        "-o", options, "-w", "-t", "60", "start"], user),
                       check=True, capture_output=True)
        _wait(port)
        yield f"postgresql+psycopg://recoflow@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                                        "stop"], user), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def _wait(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"PostgreSQL did not accept connections on port {port}")
