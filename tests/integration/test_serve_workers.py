"""``recoflow serve --workers 2`` as a real process: two worker processes answer pages on one database, and a
person signed in through one worker is signed in on the other (sessions, throttles and form tokens live in the
database and the signed cookie, not in a worker's memory)."""

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.support.factories import World
from tests.support.web import PASSWORD, give_passwords, use_cheap_hashing

ROOT = Path(__file__).resolve().parents[2]
# Python's start-up alone took 10 s on a machine loaded four times over; two workers start side by side.
START_SECONDS = 120
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answering(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, f"recoflow serve exited with {server.returncode}"
        try:
            if httpx.get(f"{base}/login", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"recoflow serve --workers 2 did not answer within {START_SECONDS} s")


def _signed_in(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
    token = _TOKEN.search(client.get("/login").text)
    assert token
    answer = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token.group(1),
                                         "next": "/tasks"})
    assert answer.status_code == 303, answer.text
    return client


def test_two_worker_processes_serve_the_pages_of_one_database(world: World, tmp_path: Path) -> None:
    use_cheap_hashing()
    give_passwords(world)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RECOFLOW_DATABASE_URL": world.db.url,
           "RECOFLOW_BASE_URL": base}
    env.pop("RECOFLOW_SECRET_KEY", None)  # the workers must agree on the key kept in var/ without being told
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen([sys.executable, "-m", "cli", "--now", world.now.isoformat(), "serve",
                                   "--workers", "2", "--port", str(port)],
                                  cwd=tmp_path, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            _answering(base, server)
            clients = [_signed_in(base, world.secretariat.email) for _ in range(4)]
            pages = ["/tasks", "/recommendations", "/", "/meetings"] * 6
            with ThreadPoolExecutor(4) as pool:
                answers = list(pool.map(lambda job: clients[job[0] % 4].get(job[1]), enumerate(pages)))
            assert [a.status_code for a in answers] == [200] * len(pages)
            assert all("Sekretariat Sommer" in a.text for a in answers if a.url.path == "/tasks")
            for client in clients:
                client.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    workers = set(re.findall(r"Started server process \[(\d+)\]", log.read_text(encoding="utf-8")))
    assert len(workers) == 2, log.read_text(encoding="utf-8")
