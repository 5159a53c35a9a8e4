"""Uploading a 10 MB PDF: the time it takes and the memory it needs, through the API (the raw body, streamed) and
through the draft's page (a multipart form), beside copying the same bytes to a file as the baseline.

Two measures of memory: the peak of Python's own allocations during the request (tracemalloc, in-process app),
and the growth of the peak resident set of a real ``recoflow serve`` process while it receives the upload.
Prints readable figures, then one JSON line.
"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import httpx  # noqa: E402

from bootstrap import bootstrap  # noqa: E402
from migrations import upgrade_to_head  # noqa: E402
from models.db import Database  # noqa: E402
from tests.support.factories import build_world  # noqa: E402
from tests.support.web import PASSWORD, Clock, give_passwords, settings_for, sign_in, use_cheap_hashing  # noqa: E402
from workflow.engine.unit_of_work import unit_of_work  # noqa: E402
from workflow.network.api_tokens import issue_api_token  # noqa: E402

SIZE = 10 * 1024 * 1024 - 4096  # just under the default limit
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _pdf(seed: int) -> bytes:
    return b"%PDF-1.7\n" + os.urandom(SIZE - 20) + f"%{seed:08d}%EOF\n".encode()


def _peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _sampled(pid: int, send: Callable[[], httpx.Response]) -> tuple[float, float, httpx.Response]:
    """Send while sampling the server's resident set every 2 ms: seconds taken, and its growth in MiB."""
    before, highest, done = _rss_kib(pid), [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            highest[0] = max(highest[0], _rss_kib(pid))
            time.sleep(0.002)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    try:
        answer = send()
    finally:
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    return seconds, max(0, highest[0] - before) / 1024, answer


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    """Measure and print."""
    from fastapi.testclient import TestClient

    from web import create_app

    bootstrap()
    folder = Path(tempfile.mkdtemp(prefix="recoflow-bench-attach-"))
    db = Database(f"sqlite:///{folder / 'bench.db'}")
    upgrade_to_head(db)
    use_cheap_hashing()
    world = build_world(db, NOW)
    give_passwords(world)
    rec = world.recommendation()
    with unit_of_work(db) as session:
        bearer = issue_api_token(session, world.wg_member, "bench", NOW)
    headers = {"Authorization": f"Bearer {bearer}"}
    figures: dict[str, float] = {}

    data = _pdf(0)
    started = time.perf_counter()
    (folder / "copy.pdf").write_bytes(data)
    figures["baseline_write_s"] = time.perf_counter() - started

    settings = settings_for(world).model_copy(update={"files_dir": str(folder / "files")})
    with TestClient(create_app(settings, database=db, clock=Clock(NOW)), base_url="http://testserver",
                    follow_redirects=False) as client:
        for channel in ("api", "page"):
            body = _pdf(1 if channel == "api" else 2)
            token = sign_in(client, world.wg_member) if channel == "page" else ""
            tracemalloc.start()
            started = time.perf_counter()
            if channel == "api":
                answer = client.post(f"/api/v1/recommendations/{rec.id}/attachments", params={"name": "a.pdf"},
                                     content=body, headers=headers)
            else:
                answer = client.post(f"/recommendations/{rec.id}/attachments", data={"csrf_token": token},
                                     files={"file": ("b.pdf", body, "application/pdf")})
            figures[f"{channel}_s"] = time.perf_counter() - started
            figures[f"{channel}_python_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            assert answer.status_code in (201, 303), answer.text

    port = _free_port()
    env = {**os.environ, "RECOFLOW_DATABASE_URL": db.url, "RECOFLOW_FILES_DIR": str(folder / "files"),
           "RECOFLOW_SECRET_KEY": "bench-secret-key-of-at-least-32-chars", "PYTHONPATH": sys.path[0]}
    server = subprocess.Popen([sys.executable, "-m", "cli", "--now", NOW.isoformat(), "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        httpx.get(f"{base}/api/v1/recommendations/{rec.id}/attachments", headers=headers, timeout=30)
        body = _pdf(3)
        seconds, growth, answer = _sampled(server.pid, lambda: httpx.post(
            f"{base}/api/v1/recommendations/{rec.id}/attachments", params={"name": "c.pdf"},
            content=iter([body[i:i + 65536] for i in range(0, len(body), 65536)]), headers=headers, timeout=120))
        assert answer.status_code == 201, answer.text
        figures["served_api_s"], figures["served_api_rss_growth_mib"] = seconds, growth
        with httpx.Client(base_url=base, timeout=120) as browser:
            login = _TOKEN.search(browser.get("/login").text)
            assert login is not None
            browser.post("/login", data={"email": world.wg_member.email, "password": PASSWORD,
                                         "csrf_token": login.group(1), "next": "/tasks"})
            form = _TOKEN.search(browser.get(f"/recommendations/{rec.id}/edit").text)
            assert form is not None
            page_body = _pdf(4)
            seconds, growth, answer = _sampled(server.pid, lambda: browser.post(
                f"/recommendations/{rec.id}/attachments", data={"csrf_token": form.group(1)},
                files={"file": ("d.pdf", page_body, "application/pdf")}))
        assert answer.status_code == 303 and "error" not in answer.headers.get("location", ""), answer.text
        figures["served_page_s"], figures["served_page_rss_growth_mib"] = seconds, growth
        figures["served_rss_peak_mib"] = _peak_rss_kib(server.pid) / 1024
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"Upload of a {SIZE / 2**20:.1f} MiB PDF")
    print(f"  baseline: writing the bytes to a file       {figures['baseline_write_s'] * 1000:7.1f} ms")
    for channel, label in (("api", "API, raw body (in-process)"), ("page", "page, multipart (in-process)")):
        print(f"  {label:40s}   {figures[channel + '_s'] * 1000:7.1f} ms, "
              f"Python peak {figures[channel + '_python_peak_mib']:.1f} MiB")
    for channel, label in (("api", "API through 'recoflow serve', streamed"), ("page", "page through 'recoflow serve'"),
                           ):
        print(f"  {label:40s}   {figures[f'served_{channel}_s'] * 1000:7.1f} ms, server's resident set grew "
              f"{figures[f'served_{channel}_rss_growth_mib']:.1f} MiB")
    print(f"  (the server's peak resident set over the whole run: {figures['served_rss_peak_mib']:.0f} MiB)")
    print(json.dumps({k: round(v, 4) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
