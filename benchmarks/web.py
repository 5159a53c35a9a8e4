"""Server-side latency of the busiest pages with 10,000 recommendations, under concurrent requests.

Builds a SQLite file with the demo data plus 10,000 recommendations (each with a revision, an addressee and
two transition records), starts `recoflow serve` on a free loopback port, signs in as the demo secretariat
in several clients and requests the list, the dashboard and detail pages from all of them at once. The
server reports how long it spent on each request in its Server-Timing header; the figures are the median
and 95th percentile of those, with the latency the clients saw beside them. Prints one JSON line per page.
"""

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
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from models.db import Database  # noqa: E402

RECOMMENDATIONS = 10_000
CLIENTS = 4
REQUESTS_PER_PAGE = 400
TARGET_P95_MS = 100.0
STATES = ["draft", "submitted", "scheduled", "adopted", "rejected", "forwarded", "under_review", "implemented"]
_TIMING = re.compile(r"app;dur=([0-9.]+)")
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _recoflow(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def load(url: str) -> list[int]:
    """Add the recommendations in bulk (the service path is measured by benchmarks/transitions.py)."""
    db = Database(url)
    meta = sa.MetaData()
    meta.reflect(db.engine, only=["recommendation", "revision", "recommendation_addressee", "transition_record",
                                  "working_group", "organisation", "person"])
    t = meta.tables
    rng = random.Random(7)
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    with db.engine.begin() as conn:
        groups = [r[0] for r in conn.execute(sa.select(t["working_group"].c.id))]
        bodies = [r[0] for r in conn.execute(sa.select(t["organisation"].c.id))]
        actor = conn.execute(sa.select(t["person"].c.id).order_by(t["person"].c.id)).scalar()
        first = (conn.execute(sa.select(sa.func.max(t["recommendation"].c.id))).scalar() or 0) + 1
        recs, revisions, addressees, records = [], [], [], []
        for i in range(RECOMMENDATIONS):
            rec_id, state = first + i, rng.choice(STATES)
            when = start + timedelta(minutes=i)
            title = f"Empfehlung {i}: Sprachförderung und Beratung im Landkreis {i % 35}"
            text = "Die Landesregierung wird gebeten, " + "die Angebote zu verstetigen. " * 20
            recs.append({"id": rec_id, "number": None if state == "draft" else f"HE-2025-{i:05d}", "title": title,
                         "text": text, "rationale": "Begründung " * 30, "working_group_id": rng.choice(groups),
                         "state": state, "version": 3, "revision_count": 1, "created_at": when, "updated_at": when})
            revisions.append({"recommendation_id": rec_id, "number": 1, "title": title, "text": text,
                              "rationale": "", "author_id": actor, "comment": "", "created_at": when})
            addressees.append({"recommendation_id": rec_id, "organisation_id": rng.choice(bodies)})
            for event, src, dst in (("submit", "draft", "submitted"), ("schedule", "submitted", "scheduled")):
                records.append({"subject_kind": "recommendation", "subject_id": rec_id, "event": event,
                                "from_state": src, "to_state": dst, "actor_id": actor, "occurred_at": when,
                                "comment": "", "revision": 1})
        conn.execute(t["recommendation"].insert(), recs)
        conn.execute(t["revision"].insert(), revisions)
        conn.execute(t["recommendation_addressee"].insert(), addressees)
        conn.execute(t["transition_record"].insert(), records)
    db.dispose()
    return [r["id"] for r in recs]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"recoflow serve exited with {server.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("recoflow serve did not start within 60 s")


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
    with tempfile.TemporaryDirectory(prefix="recoflow-web-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "RECOFLOW_DATABASE_URL": url, "RECOFLOW_OUTBOX_DIR": f"{tmp}/mail"}
        _recoflow(env, "init")
        _recoflow(env, "demo", "--load-only")
        rec_ids = load(url)
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(port, server)
            base = f"http://127.0.0.1:{port}"
            email = Database(url).engine.connect().execute(sa.text("SELECT email FROM person ORDER BY id")).scalar()
            clients = [signed_in(base, str(email)) for _ in range(CLIENTS)]
            rng = random.Random(11)
            pages = {
                "list": [f"/recommendations?page={rng.randint(1, 200)}" for _ in range(REQUESTS_PER_PAGE)],
                "dashboard": ["/tasks"] * REQUESTS_PER_PAGE,
                "detail": [f"/recommendations/{rng.choice(rec_ids)}" for _ in range(REQUESTS_PER_PAGE)],
            }
            measure(clients, ["/tasks", "/recommendations"] * 10)  # warm up caches and connections
            print(f"{RECOMMENDATIONS:,} recommendations, {CLIENTS} concurrent clients, "
                  f"{REQUESTS_PER_PAGE} requests per page; target p95 < {TARGET_P95_MS:.0f} ms (server side)")
            lines = []
            for page, paths in pages.items():
                server_ms, client_ms = measure(clients, paths)
                figures = {"page": page, "median_ms": round(statistics.median(server_ms), 1),
                           "p95_ms": round(_p95(server_ms), 1),
                           "client_median_ms": round(statistics.median(client_ms), 1),
                           "client_p95_ms": round(_p95(client_ms), 1), "requests": len(paths),
                           "concurrency": CLIENTS, "recommendations": RECOMMENDATIONS}
                verdict = "meets" if figures["p95_ms"] < TARGET_P95_MS else "MISSES"
                print(f"{page:>9}: server median {figures['median_ms']} ms, p95 {figures['p95_ms']} ms ({verdict} "
                      f"the target); seen by clients median {figures['client_median_ms']} ms, "
                      f"p95 {figures['client_p95_ms']} ms")
                lines.append(json.dumps(figures))
            for client in clients:
                client.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
        for line in lines:
            print(line)


if __name__ == "__main__":
    main()
