"""The OParl endpoint as an OParl client finds it: a crawl from the System over the demo data follows every URL of
every object and every list page, validates every object against the official OParl 1.1 schema of its type
(tests/oparl_schema/), finds no reference that does not resolve, and counts the objects of each type against the
database. Lists page and filter as the specification says; depublished papers are kept as deleted. A public paper's
attached files are its auxiliary Files, downloaded from its public page; a file of any other paper is never shown."""

import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from sqlmodel import col, func, select

from cli import main
from config import Settings
from models.attachment import Attachment, AttachmentKind
from models.db import Database
from models.file_store import FileStore
from models.forwarding import Forwarding
from models.groups import WorkingGroup
from models.meeting import Meeting
from models.recommendation import Recommendation
from models.strategy import AgendaItem
from tests.conftest import NOW
from tests.support.attachments import PDF, PNG
from tests.support.web import Clock, TestClient
from web import create_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.accountability import ADOPTED_STATES

BASE = "https://rat.example.org"
SYSTEM = f"{BASE}/oparl/v1/"
SCHEMA_DIR = Path(__file__).resolve().parents[1] / "oparl_schema"
TYPE_PREFIX = "https://schema.oparl.org/1.1/"


def _validators() -> dict[str, Draft7Validator]:
    """One validator per OParl type; a schema's ``$ref: "File.json"`` finds File under its ``$id`` plus .json."""
    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.json")}
    registry: Registry = Registry()
    for schema in schemas.values():
        resource = Resource.from_contents(schema)
        registry = registry.with_resources([(schema["$id"], resource), (schema["$id"] + ".json", resource)])
    checker = FormatChecker()

    @checker.checks("url")
    def _absolute_url(value: object) -> bool:
        parts = urlsplit(str(value))
        return parts.scheme in ("http", "https") and bool(parts.netloc)

    assert checker.conforms("2026-13-01T10:00:00+01:00", "date-time") is False  # date-time is really checked
    validators = {name: Draft7Validator(schema, registry=registry, format_checker=checker)
                  for name, schema in schemas.items()}
    # The schemas bite: a relative id, a wrong type and an inline consultation without its id are refused.
    paper = {"id": f"{BASE}/oparl/v1/paper/1", "type": TYPE_PREFIX + "Paper"}
    for wrong in ({**paper, "id": "/paper/1"}, {**paper, "type": TYPE_PREFIX + "File"},
                  {**paper, "consultation": [{"type": TYPE_PREFIX + "Consultation"}]}):
        assert not validators["Paper"].is_valid(wrong), wrong
    return validators


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The demo data in an SQLite file, loaded the way ``recoflow demo`` loads it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('oparl') / 'recoflow.db'}"
    result = CliRunner(env={"RECOFLOW_DATABASE_URL": url}).invoke(
        main, ["--now", NOW.isoformat(), "demo", "--load-only"], catch_exceptions=False)
    assert result.output.startswith("Demo data loaded"), result.output
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> FileStore:
    return FileStore(tmp_path_factory.mktemp("oparl-files"))


def _attach(session, store: FileStore, rec: Recommendation, name: str, kind: AttachmentKind, data: bytes) -> int:
    """A test shortcut past the draft: the file is kept and attached as ``attach_file`` does while it is one."""
    with store.incoming() as incoming:
        incoming.write(data)
        store.keep(incoming)
    row = Attachment(recommendation_id=rec.id or 0, name=name, kind=kind.value, size=len(data),
                     sha256=incoming.sha256, uploaded_at=rec.created_at)
    session.add(row)
    session.flush()
    return row.id or 0


@pytest.fixture(scope="module")
def attached(demo_database: Database, files: FileStore) -> dict[str, list[int]]:
    """Files attached to the first adopted demo recommendation (public), one still before the vote and a draft."""
    with unit_of_work(demo_database) as session:
        recs = session.exec(select(Recommendation).order_by(col(Recommendation.id))).all()
        adopted = next(r for r in recs if r.state in ADOPTED_STATES)
        pending = next(r for r in recs if r.number and r.state in ("submitted", "scheduled", "voting"))
        draft = next(r for r in recs if r.number is None)
        return {"public": [_attach(session, files, adopted, "Stellungnahme.pdf", AttachmentKind.PDF, PDF),
                           _attach(session, files, adopted, "Grafik.png", AttachmentKind.PNG, PNG)],
                "hidden": [_attach(session, files, pending, "Vorab.pdf", AttachmentKind.PDF, PDF),
                           _attach(session, files, draft, "Entwurf.png", AttachmentKind.PNG, PNG)]}


@pytest.fixture(scope="module")
def client(demo_database: Database, files: FileStore, attached: dict[str, list[int]]) -> Iterator[TestClient]:
    settings = Settings(database_url=demo_database.url, secret_key="test-secret-key-of-at-least-32-chars",
                        base_url=BASE, files_dir=str(files.root))
    with TestClient(create_app(settings, database=demo_database, clock=Clock(NOW)), base_url=BASE) as client:
        yield client


class Crawler:
    """Follows every URL of the endpoint once, validating and counting the objects it finds."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.validators = _validators()
        self.objects: dict[str, dict[str, Any]] = {}
        self.fetched: dict[str, Any] = {}
        self.media_types: dict[str, str] = {}
        self.queue: list[str] = []
        self.problems: list[str] = []

    def get(self, url: str) -> Any:
        if url not in self.fetched:
            response = self.client.get(url)
            if response.status_code != 200:
                self.problems.append(f"{url}: {response.status_code}")
                self.fetched[url] = None
            elif urlsplit(url).path.endswith(".pdf"):
                assert response.headers["content-type"] == "application/pdf", url  # a File's document
                self.fetched[url] = response.content
            elif "/anlagen/" in urlsplit(url).path:  # an attached file's download
                self.media_types[url] = response.headers["content-type"]
                self.fetched[url] = response.content
            elif not urlsplit(url).path.startswith("/oparl/v1/"):
                self.fetched[url] = response.text  # a public page a `web` leads to
            else:
                assert response.headers["content-type"] == "application/json; charset=utf-8", url
                assert response.headers["access-control-allow-origin"] == "*", url
                self.fetched[url] = response.json()
        return self.fetched[url]

    def crawl(self, start: str) -> None:
        self.queue.append(start)
        while self.queue:
            url = self.queue.pop()
            answer = self.get(url)
            if isinstance(answer, dict):
                self.take(answer, list_page="data" in answer)

    def take(self, answer: dict[str, Any], list_page: bool) -> None:
        if list_page:
            assert set(answer) >= {"data", "pagination", "links"}
            for obj in answer["data"]:
                self.take(obj, list_page=False)
            self.follow(answer["links"])
            return
        self.follow(answer)

    def validate(self, obj: dict[str, Any]) -> None:
        kind = obj["type"].removeprefix(TYPE_PREFIX)
        for error in self.validators[kind].iter_errors(obj):
            self.problems.append(f"{obj['id']}: {error.message} at {list(error.absolute_path)}")
        assert {"created", "modified"} <= set(obj), obj["id"]
        known = self.objects.setdefault(obj["id"], obj)
        assert known["type"] == obj["type"], obj["id"]

    def follow(self, value: Any) -> None:
        """Queue every URL in ``value``; validate the objects given inline."""
        if isinstance(value, dict):
            if "type" in value and "id" in value:
                self.validate(value)
            for key, item in value.items():
                if key != "type":
                    self.follow(item)
        elif isinstance(value, list):
            for item in value:
                self.follow(item)
        elif isinstance(value, str) and value.startswith(BASE) and value not in self.fetched:
            self.queue.append(value)


@pytest.fixture(scope="module")
def crawled(client: TestClient) -> Crawler:
    crawler = Crawler(client)
    started = time.perf_counter()
    crawler.crawl(SYSTEM)
    # Depublished objects are listed only to a client that asks what changed since (spec 2.5).
    for kind in ("papers", "agendaItems", "consultations"):
        crawler.crawl(f"{BASE}/oparl/v1/body/1/{kind}?modified_since=2000-01-01T00%3A00%3A00%2B01%3A00")
    counts = Counter(obj["type"].removeprefix(TYPE_PREFIX) + (" (deleted)" if obj.get("deleted") else "")
                     for obj in crawler.objects.values())
    print(f"\nOParl crawl: {len(crawler.fetched)} URLs in {time.perf_counter() - started:.1f} s; objects per type:")
    for kind, count in sorted(counts.items()):
        print(f"  {kind:24} {count}")
    return crawler


def _count(crawler: Crawler, kind: str, deleted: bool = False) -> int:
    return sum(1 for obj in crawler.objects.values()
               if obj["type"] == TYPE_PREFIX + kind and bool(obj.get("deleted")) == deleted)


def test_every_object_validates_against_the_official_schema_and_every_reference_resolves(crawled: Crawler) -> None:
    assert crawled.problems == []
    assert _count(crawled, "System") == 1 and _count(crawled, "Body") == 1
    system = crawled.fetched[SYSTEM]
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"


def test_the_counts_per_type_match_the_database(crawled: Crawler, demo_database: Database) -> None:
    with demo_database.read() as session:
        numbered = session.exec(select(Recommendation).where(col(Recommendation.number).is_not(None))).all()
        past_draft = [r for r in numbered if r.state not in ("draft", "withdrawn")]
        depublished = [r for r in numbered if r.state in ("draft", "withdrawn")]
        adopted = [r for r in numbered if r.state in ADOPTED_STATES]
        public_files = session.exec(select(func.count()).select_from(Attachment).join(
            Recommendation, col(Recommendation.id) == Attachment.recommendation_id)
            .where(col(Recommendation.state).in_(ADOPTED_STATES))).one()
        items = session.exec(select(AgendaItem)).all()
        meetings = session.exec(select(Meeting)).all()
        groups = session.exec(select(func.count()).select_from(WorkingGroup)).one()
        bodies = session.exec(select(func.count(func.distinct(Forwarding.organisation_id))).join(
            Recommendation, col(Recommendation.id) == Forwarding.recommendation_id)
            .where(col(Recommendation.state).in_(ADOPTED_STATES))).one()
    depublished_ids = {r.id for r in depublished}
    live_items = [i for i in items if i.recommendation_id not in depublished_ids]
    assert _count(crawled, "Paper") == len(past_draft) > 0
    assert _count(crawled, "Paper", deleted=True) == len(depublished) > 0
    assert _count(crawled, "File") == len(adopted) + public_files > len(adopted) > 0
    assert _count(crawled, "Meeting") == len(meetings)
    assert _count(crawled, "Location") == len([m for m in meetings if m.location])
    assert _count(crawled, "AgendaItem") == _count(crawled, "Consultation") == len(live_items)
    assert _count(crawled, "AgendaItem", deleted=True) == len(items) - len(live_items)
    assert _count(crawled, "Organization") == 1 + groups + bodies
    # Nobody is named: the public pages name no person, and nobody consented to publication.
    assert _count(crawled, "Person") == _count(crawled, "Membership") == 0


def test_a_depublished_paper_stays_as_deleted_and_is_listed_only_to_who_asks_what_changed(client: TestClient,
                                                                                          crawled: Crawler) -> None:
    deleted = [obj for obj in crawled.objects.values() if obj.get("deleted") and obj["type"].endswith("Paper")]
    assert deleted and set(deleted[0]) == {"id", "type", "created", "modified", "deleted"}
    assert client.get(deleted[0]["id"]).status_code == 200
    listed = client.get(f"{BASE}/oparl/v1/body/1/papers").json()["data"]
    assert deleted[0]["id"] not in {p["id"] for p in listed}


def test_a_list_pages_through_every_object_once_and_keeps_its_filters(client: TestClient) -> None:
    whole = client.get(f"{BASE}/oparl/v1/body/1/agendaItems").json()
    url: str | None = f"{BASE}/oparl/v1/body/1/agendaItems?limit=4&created_since=2000-01-01T00%3A00%3A00Z"
    seen: list[str] = []
    while url:
        page = client.get(url).json()
        assert page["pagination"]["elementsPerPage"] == 4
        assert page["pagination"]["totalElements"] == whole["pagination"]["totalElements"]
        seen += [obj["id"] for obj in page["data"]]
        url = page["links"].get("next")
        assert url is None or ("limit=4" in url and "created_since=" in url)
    assert seen == [obj["id"] for obj in whole["data"]]
    assert page["pagination"]["currentPage"] == page["pagination"]["totalPages"] > 1


def test_the_time_filters_keep_only_what_was_created_or_changed_in_the_window(client: TestClient) -> None:
    since = "2026-01-01T00:00:00+01:00"
    papers = client.get(f"{BASE}/oparl/v1/body/1/papers", params={"created_since": since}).json()["data"]
    everything = client.get(f"{BASE}/oparl/v1/body/1/papers").json()["data"]
    assert 0 < len(papers) < len(everything)
    assert all(p["created"] >= "2026-01-01" for p in papers)
    until = client.get(f"{BASE}/oparl/v1/body/1/papers", params={"modified_until": "2000-01-01T00:00:00Z"}).json()
    assert until["data"] == [] and until["pagination"]["totalElements"] == 0


def test_an_unknown_object_is_a_json_404_and_a_draft_is_not_served(client: TestClient,
                                                                   demo_database: Database) -> None:
    with demo_database.read() as session:
        draft = session.exec(select(Recommendation).where(col(Recommendation.number).is_(None))).first()
    assert draft is not None
    for path in (f"/oparl/v1/paper/{draft.id}", "/oparl/v1/meeting/999999", "/oparl/v1/body/2",
                 "/oparl/v1/organization/wg-999", "/oparl/v1/body/1/votes"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["access-control-allow-origin"] == "*"


def test_a_public_papers_attachments_are_its_auxiliary_files_and_no_other_paper_shows_any(
        client: TestClient, crawled: Crawler, attached: dict[str, list[int]]) -> None:
    auxiliary = {obj["id"]: obj for obj in crawled.objects.values() if "/file/anlage-" in obj["id"]}
    assert sorted(auxiliary) == sorted(f"{SYSTEM}file/anlage-{i}" for i in attached["public"])
    for obj in auxiliary.values():
        # Downloaded where the public page offers it, as the type the File names, with the bytes attached.
        assert obj["accessUrl"] == obj["downloadUrl"] and "/oeffentlich/empfehlungen/" in obj["accessUrl"]
        assert crawled.media_types[obj["accessUrl"]] == obj["mimeType"]
        assert len(crawled.fetched[obj["accessUrl"]]) == obj["size"]
        paper = crawled.objects[obj["paper"][0]]
        assert obj["id"] in [f["id"] for f in paper["auxiliaryFile"]]
    assert {o["fileName"]: o["mimeType"] for o in auxiliary.values()} == {
        "Stellungnahme.pdf": "application/pdf", "Grafik.png": "image/png"}
    listed = client.get(f"{BASE}/oparl/v1/body/1/files").json()["data"]
    assert set(auxiliary) <= {f["id"] for f in listed}
    # A paper still before the vote (and a draft) shows no attachment, in any object or by its own URL.
    for hidden in attached["hidden"]:
        assert not any(f'/file/anlage-{hidden}"' in json.dumps(obj) for obj in crawled.objects.values())
        assert client.get(f"/oparl/v1/file/anlage-{hidden}").status_code == 404
