"""Every page reads German: a crawl over the demo's pages as each demo role finds no English sentence and no message
id shown untranslated; a page switched to English shows no German translation."""

from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urlsplit

import httpx
import pytest
from click.testing import CliRunner
from sqlmodel import col, select

from cli import main
from config import Settings
from demo.data import CHAIR_EMAIL, SECRETARIAT_EMAIL
from models.db import Database
from models.forwarding import Forwarding
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.outbox import OutboxMessage
from models.queries import person_by_email
from models.recommendation import Recommendation
from models.strategy import Vote
from tests.conftest import NOW
from tests.support.crawl import Crawl, Finding, english_findings, german_findings
from tests.support.web import Clock, TestClient, form_token
from web import create_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.personal_links import LINK_PATH, issue_token
from workflow.network.accounts import DEMO_PASSWORD, issue_password_link

# One demo person of each role (demo/data.py), signed in through the form.
ROLES = {
    "working-group lead": "felix.hartmann@lpb.example.org",
    "working-group member": "aylin.kaya@ulm.example.org",
    "strategy group member": "claudia.fenske@sm.example.org",
    "deputy": "julia.brenner@sm.example.org",
    "chair": CHAIR_EMAIL,
    "secretariat": SECRETARIAT_EMAIL,
}
# Pages no link leads to: forms behind buttons, pages reached from mails, refusals of a wrong address.
UNLINKED = ("/recommendations/new", "/procedures/new", "/people/new", "/organisations/new", "/network/profile",
            "/network/legal/imprint", "/network/roles", "/strategy-group", "/topics", "/import", "/outbox",
            "/reminders", "/ballots", "/meetings", "/forwardings", "/workflow", "/set-password/not-a-token",
            "/no-such-page", "/recommendations/HE-1999-999")
PUBLIC = ("/", "/login", "/impressum", "/datenschutz", "/barrierefreiheit", "/set-password/not-a-token",
          "/no-such-page", f"{LINK_PATH}not-a-valid-token-at-all", "/oeffentlich/empfehlungen/HE-1999-999")


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The demo data in an SQLite file, loaded the way ``recoflow demo`` loads it (without the scheduler)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'recoflow.db'}"
    runner = CliRunner(env={"RECOFLOW_DATABASE_URL": url})
    result = runner.invoke(main, ["--now", NOW.isoformat(), "demo", "--load-only"], catch_exceptions=False)
    assert result.output.startswith("Demo data loaded"), result.output
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def demo_client(demo_database: Database) -> Iterator[TestClient]:
    settings = Settings(database_url=demo_database.url, secret_key="test-secret-key-of-at-least-32-chars",
                        base_url="http://testserver")
    app = create_app(settings, database=demo_database, clock=Clock(NOW))
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        yield client


def _body_link(database: Database, now: datetime) -> str:
    """A fresh personal link of a body that has not reported yet."""
    with unit_of_work(database) as session:
        forwarding = session.exec(select(Forwarding).where(col(Forwarding.state) == "acknowledged")
                                  .order_by(col(Forwarding.id))).first()
        assert forwarding is not None
        token, _ = issue_token(session, forwarding, now, None)
    return f"{LINK_PATH}{token}"


def _password_link(database: Database, now: datetime) -> str:
    """The path of a fresh set-password link, as a mail brings it."""
    with unit_of_work(database) as session:
        person = person_by_email(session, ROLES["working-group member"])
        assert person is not None
        link = issue_password_link(session, person, "http://testserver", now)
    return urlsplit(link).path


def _one_of_each_kind(database: Database, mails: bool) -> list[str]:
    """A page for each state of a recommendation, a meeting, a vote and a working group (and, for the secretariat,
    each kind and status of mail): pages whose URL pattern is the same but whose words differ."""
    kinds: dict[tuple[object, ...], str] = {}
    with database.read() as session:
        for rec in session.exec(select(Recommendation).order_by(col(Recommendation.id))):
            kinds.setdefault(("rec", rec.state), f"/recommendations/{rec.id}")
        for meeting in session.exec(select(Meeting).order_by(col(Meeting.id))):
            kinds.setdefault(("meeting", meeting.kind, meeting.status), f"/meetings/{meeting.id}")
            if meeting.status == "held":
                kinds.setdefault(("minutes",), f"/meetings/{meeting.id}/minutes")
        for vote in session.exec(select(Vote).order_by(col(Vote.id))):
            kinds.setdefault(("vote", vote.status), f"/votes/{vote.id}")
        for group in session.exec(select(WorkingGroup).order_by(col(WorkingGroup.id))):
            kinds.setdefault(("group", group.state), f"/working-groups/{group.id}")
        if mails:
            for mail in session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))):
                kinds.setdefault(("mail", mail.kind), f"/outbox/{mail.id}")
                kinds.setdefault(("mail status", mail.status), f"/outbox/{mail.id}")
    return list(dict.fromkeys(kinds.values()))


def _crawl_as(client: TestClient, role: str, email: str | None, language: str, starts: tuple[str, ...],
              kinds: list[str] | None = None, check=german_findings) -> Crawl:
    client.cookies.clear()
    if email is not None:
        response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD,
                                               "csrf_token": form_token(client), "next": "/tasks"})
        assert response.status_code == 303, response.text
    token = form_token(client, "/" if email is None else "/tasks")
    client.post("/language", data={"lang": language, "next": "/", "csrf_token": token})

    def fetch(url: str) -> httpx.Response:
        return client.get(url, follow_redirects=True)

    crawl = Crawl(role, fetch, check)
    crawl.run(starts, kinds or [])
    return crawl


def _report(crawls: list[Crawl], findings: list[Finding]) -> str:
    pages = ", ".join(f"{c.role}: {len(c.pages)}" for c in crawls)
    return f"pages crawled ({pages}); {len(findings)} findings:\n" + "\n".join(map(str, findings))


def test_every_page_reads_german_for_every_demo_role(demo_client: TestClient, demo_database: Database) -> None:
    crawls = [_crawl_as(demo_client, role, email, "de", ("/tasks", "/", *UNLINKED),
                        _one_of_each_kind(demo_database, mails=role == "secretariat"))
              for role, email in ROLES.items()]
    link = _body_link(demo_database, NOW)
    crawls.append(_crawl_as(demo_client, "responsible body (personal link)", None, "de", (link, *PUBLIC)))
    crawls.append(_crawl_as(demo_client, "public", None, "de", (_password_link(demo_database, NOW), *PUBLIC)))
    findings = [finding for crawl in crawls for finding in crawl.findings]
    assert all(len(crawl.pages) >= 5 for crawl in crawls), _report(crawls, findings)
    assert not findings, _report(crawls, findings)


def test_a_page_switched_to_english_shows_no_german_translation(demo_client: TestClient,
                                                                demo_database: Database) -> None:
    crawl = _crawl_as(demo_client, "secretariat", SECRETARIAT_EMAIL, "en", ("/tasks", "/", *UNLINKED),
                      _one_of_each_kind(demo_database, mails=True), check=english_findings)
    assert len(crawl.pages) >= 5
    assert not crawl.findings, _report([crawl], crawl.findings)
