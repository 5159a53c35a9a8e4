"""Server-side latency of the busiest pages with many recommendations, under concurrent requests.

Builds a SQLite file with the demo data plus ``--size`` recommendations (bulk inserts with a realistic spread of
states, forwardings to one to three bodies, receipts, reports and review rounds: tests/support/bulk.py), starts
`recoflow serve --workers W` on a free loopback port, signs in as the demo secretariat in four clients and requests
the list, the dashboard, detail pages and the public list from all of them at once. The server reports how long it
spent on each request in its Server-Timing header; the figures are the median and 95th percentile of those, with
the latency the clients saw beside them. Prints one line per page, then one JSON line with every figure and the
load average (``os.getloadavg()``) beside them.
"""

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from models.db import Database  # noqa: E402
from tests.support.bulk import add_recommendations  # noqa: E402

CLIENTS = 4
REQUESTS_PER_PAGE = 400
TARGET_P95_MS = 50.0
_TIMING = re.compile(r"app;dur=([0-9.]+)")
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _recoflow(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"recoflow serve exited with {server.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("recoflow serve did not start within 180 s")


def signed_in(base: str, email: str) -> httpx.Client:
    """A client with the session cookie of ``email`` (demo password)."""
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
    page = client.get("/login")
    token = _TOKEN.search(page.text)
    assert token, "no form token on /login"
    response = client.post("/login", data={"email": email, "password": "recoflow-demo",
                                           "csrf_token": token.group(1), "next": "/tasks"})
    assert response.status_code == 303, f"sign-in failed: {response.status_code}"
    return client


def measure(clients: list[httpx.Client], paths: list[str]) -> tuple[list[float], list[float]]:
    """Request ``paths`` spread over the clients, all clients at once; server and client milliseconds."""
    def one(job: tuple[int, str]) -> tuple[float, float]:
        index, path = job
        started = time.perf_counter()
        response = clients[index % len(clients)].get(path)
        seen = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, f"{path}: {response.status_code}"
        timing = _TIMING.search(response.headers.get("server-timing", ""))
        assert timing, "the server sent no Server-Timing header"
        return float(timing.group(1)), seen

    with ThreadPoolExecutor(len(clients)) as pool:
        results = list(pool.map(one, enumerate(paths)))
    return [r[0] for r in results], [r[1] for r in results]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="recommendations to add (default 100,000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of recoflow serve (default 2)")
    parser.add_argument("--requests", type=int, default=REQUESTS_PER_PAGE, help="requests per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="recoflow-web-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "RECOFLOW_DATABASE_URL": url,
               "RECOFLOW_OUTBOX_DIR": f"{tmp}/mail"}
        _recoflow(env, "init")
        _recoflow(env, "demo", "--load-only")
        started = time.perf_counter()
        db = Database(url)
        rec_ids = add_recommendations(db, args.size, start=datetime(2019, 1, 7, 9, tzinfo=UTC))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            email = conn.execute(sa.text("SELECT email FROM person ORDER BY id")).scalar()
        db.dispose()
        built_s = time.perf_counter() - started
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port),
                                   "--workers", str(args.workers)], cwd=tmp, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(port, server)
            base = f"http://127.0.0.1:{port}"
            clients = [signed_in(base, str(email)) for _ in range(CLIENTS)]
            rng = random.Random(11)
            n = args.requests
            pages = {
                "list": [f"/recommendations?page={rng.randint(1, max(1, args.size // 50))}" for _ in range(n)],
                "dashboard": ["/tasks"] * n,
                "detail": [f"/recommendations/{rng.choice(rec_ids)}" for _ in range(n)],
                "public_list": [f"/?page={rng.randint(1, max(1, args.size // 40))}" for _ in range(n)],
            }
            measure(clients, ["/tasks", "/recommendations", "/"] * 10)  # warm up caches and connections
            print(f"{args.size:,} recommendations (built in {built_s:.0f} s), {args.workers} worker(s), {CLIENTS} "
                  f"concurrent clients, {n} requests per page; target p95 < {TARGET_P95_MS:.0f} ms (server side)")
            figures: dict[str, dict[str, float]] = {}
            for page, paths in pages.items():
                server_ms, client_ms = measure(clients, paths)
                figures[page] = {"p50_ms": round(statistics.median(server_ms), 1), "p95_ms": round(_p95(server_ms), 1),
                                 "client_p50_ms": round(statistics.median(client_ms), 1),
                                 "client_p95_ms": round(_p95(client_ms), 1)}
                verdict = "meets" if figures[page]["p95_ms"] < TARGET_P95_MS else "MISSES"
                print(f"{page:>11}: server p50 {figures[page]['p50_ms']} ms, p95 {figures[page]['p95_ms']} ms "
                      f"({verdict} the target); seen by clients p50 {figures[page]['client_p50_ms']} ms, "
                      f"p95 {figures[page]['client_p95_ms']} ms")
            for client in clients:
                client.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(json.dumps({"benchmark": "web", "recommendations": args.size, "workers": args.workers,
                          "clients": CLIENTS, "requests_per_page": n, "pages": figures,
                          "target_p95_ms": TARGET_P95_MS,
                          "meets_target": all(f["p95_ms"] < TARGET_P95_MS for f in figures.values()),
                          "loadavg": [round(x, 2) for x in os.getloadavg()]}))


if __name__ == "__main__":
    main()
