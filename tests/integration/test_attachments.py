"""A working group attaches files to its draft: told by content, within the limit, stored once by SHA-256, written
whole or not at all, frozen once submitted, and every attachment and removal on record."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlmodel import select

from cli import main
from models.attachment import Attachment
from models.file_store import FileStore
from tests.support.attachments import DOCX, HTML, JPEG, ODS, ODT, PDF, PNG, ZIP
from tests.support.factories import World, build_world
from workflow.engine.errors import ConflictError, InvalidInput, NotPermitted
from workflow.engine.unit_of_work import unit_of_work
from workflow.queries.attachment_views import attachment_changes, recommendation_attachments
from workflow.recommendations.attachments import attach_file, detach_file
from workflow.recommendations.refusals import RecommendationRefusal as Refusal

LIMIT = 10 * 1024 * 1024


@pytest.fixture
def lean_world(sqlite_database, now) -> World:
    return build_world(sqlite_database, now)


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "files")


def _attach(world: World, store: FileStore, rec_id: int, name: str, data: bytes, *, by=None,
            limit: int = LIMIT) -> Attachment:
    with unit_of_work(world.db) as session:
        return attach_file(session, store, rec_id, name, [data[i:i + 1000] for i in range(0, len(data), 1000)],
                           by or world.wg_member, world.now, limit)


def _rows(world: World) -> list[Attachment]:
    with world.db.read() as session:
        return list(session.exec(select(Attachment)).all())


def _kept(store: FileStore) -> list[Path]:
    return sorted(p for p in store.root.rglob("*") if p.is_file())


def test_the_same_file_attached_to_two_drafts_is_stored_once_and_each_lists_it(world: World, tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    first, second = world.recommendation(), world.recommendation()
    a = _attach(world, store, first.id or 0, "Stellungnahme.pdf", PDF)
    b = _attach(world, store, second.id or 0, "Kopie.pdf", PDF, by=world.lead)
    assert a.sha256 == b.sha256 and _kept(store) == [store.path_of(a.sha256)]
    assert store.path_of(a.sha256).read_bytes() == PDF
    with world.db.read() as session:
        listed = recommendation_attachments(session, first.id or 0)
    assert [(x.name, x.media_type, x.size) for x in listed] == [("Stellungnahme.pdf", "application/pdf", len(PDF))]
    with pytest.raises(ConflictError) as twice:
        _attach(world, store, first.id or 0, "nochmal.pdf", PDF)
    assert twice.value.code == Refusal.ATTACHMENT_TWICE and len(_rows(world)) == 2


@pytest.mark.parametrize(("name", "data", "media_type", "shown"), [
    ("Protokoll.odt", ODT, "application/vnd.oasis.opendocument.text", "Protokoll.odt"),
    ("Entwurf.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Entwurf.docx"),
    ("Foto.JPG", JPEG, "image/jpeg", "Foto.JPG"),
    ("../../etc/Grafik\x07<1>.pdf", PNG, "image/png", "Grafik 1 .pdf.png"),
])
def test_each_allowed_kind_is_told_by_its_content_and_its_name_made_safe(lean_world: World, store: FileStore,
                                                                        name, data, media_type, shown) -> None:
    row = _attach(lean_world, store, lean_world.recommendation().id or 0, name, data)
    assert (row.media_type, row.name) == (media_type, shown)


@pytest.mark.parametrize("data", [HTML, ODS, ZIP, b"%PD", b"PK\x03\x04broken"])
def test_a_file_of_another_kind_is_refused_even_with_a_pdf_name(lean_world: World, store: FileStore, data) -> None:
    with pytest.raises(InvalidInput) as refused:
        _attach(lean_world, store, lean_world.recommendation().id or 0, "Bericht.pdf", data)
    assert refused.value.code == Refusal.ATTACHMENT_TYPE and refused.value.params["kinds"] == "PDF, ODT, DOCX, PNG, JPG"
    assert _rows(lean_world) == [] and _kept(store) == []


def test_an_empty_file_and_one_past_the_limit_are_refused_and_leave_nothing(lean_world: World,
                                                                            store: FileStore) -> None:
    rec_id = lean_world.recommendation().id or 0
    with pytest.raises(InvalidInput) as empty:
        _attach(lean_world, store, rec_id, "leer.pdf", b"")
    with pytest.raises(InvalidInput) as large:
        _attach(lean_world, store, rec_id, "gross.pdf", PDF + bytes(3 * 1024 * 1024), limit=2 * 1024 * 1024)
    assert empty.value.code == Refusal.ATTACHMENT_EMPTY
    assert large.value.code == Refusal.ATTACHMENT_TOO_LARGE and large.value.params["limit_mb"] == 2
    assert _rows(lean_world) == [] and _kept(store) == []


def test_a_failure_while_the_file_arrives_leaves_neither_row_nor_file(lean_world: World, store: FileStore) -> None:
    rec_id = lean_world.recommendation().id or 0

    def broken_upload() -> Iterator[bytes]:
        yield PDF
        yield bytes(64 * 1024)
        raise OSError("connection reset by peer")

    with pytest.raises(OSError), unit_of_work(lean_world.db) as session:
        attach_file(session, store, rec_id, "halb.pdf", broken_upload(), lean_world.wg_member, lean_world.now, LIMIT)
    assert _rows(lean_world) == [] and _kept(store) == []


def test_only_the_drafts_group_attaches_and_only_while_it_is_a_draft(lean_world: World, store: FileStore) -> None:
    draft = lean_world.recommendation()
    with pytest.raises(NotPermitted):
        _attach(lean_world, store, draft.id or 0, "fremd.pdf", PDF, by=lean_world.other_member)
    row = _attach(lean_world, store, draft.id or 0, "eigen.pdf", PDF, by=lean_world.deputy_lead)
    with unit_of_work(lean_world.db) as session:
        rec = lean_world.reload(draft)
        rec.state = "submitted"
        session.add(rec)
    with pytest.raises(InvalidInput) as attach_later:
        _attach(lean_world, store, draft.id or 0, "spaet.png", PNG)
    with pytest.raises(InvalidInput) as detach_later, unit_of_work(lean_world.db) as session:
        detach_file(session, store, draft.id or 0, row.id or 0, lean_world.lead, lean_world.now)
    assert attach_later.value.code == detach_later.value.code == Refusal.ATTACHMENTS_FROZEN
    assert len(_rows(lean_world)) == 1 and store.has(row.sha256)


def test_a_removal_is_on_record_and_the_file_goes_once_no_draft_names_it(lean_world: World, store: FileStore) -> None:
    first, second = lean_world.recommendation(), lean_world.recommendation()
    a = _attach(lean_world, store, first.id or 0, "a.pdf", PDF)
    b = _attach(lean_world, store, second.id or 0, "b.pdf", PDF)
    with unit_of_work(lean_world.db) as session:
        detach_file(session, store, first.id or 0, a.id or 0, lean_world.lead, lean_world.now)
    assert store.has(a.sha256)  # the second draft still names it
    with unit_of_work(lean_world.db) as session:
        detach_file(session, store, second.id or 0, b.id or 0, lean_world.lead, lean_world.now)
    assert not store.has(b.sha256) and _rows(lean_world) == []
    with lean_world.db.read() as session:
        changes = attachment_changes(session, first.id or 0)
    assert [(c.action, c.name, c.by) for c in changes] == [("attach", "a.pdf", lean_world.wg_member.name),
                                                           ("detach", "a.pdf", lean_world.lead.name)]


def test_the_command_line_attaches_lists_and_detaches(lean_world: World, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", lean_world.db.url)
    monkeypatch.setenv("RECOFLOW_FILES_DIR", str(tmp_path / "files"))
    rec = lean_world.recommendation()
    (tmp_path / "Anlage 1.pdf").write_bytes(PDF)
    (tmp_path / "fake.pdf").write_bytes(HTML)
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, ["--now", lean_world.now.isoformat(), *args])

    attached = run("attach", str(rec.id), str(tmp_path / "Anlage 1.pdf"), "--as", lean_world.wg_member.email)
    refused = run("attach", str(rec.id), str(tmp_path / "fake.pdf"), "--as", lean_world.wg_member.email)
    listed = json.loads(run("attachments", str(rec.id), "--json").output)
    detached = run("detach", str(rec.id), str(listed[0]["id"]), "--as", lean_world.lead.email)
    assert attached.exit_code == 0 and "Attached Anlage 1.pdf" in attached.output
    assert refused.exit_code != 0 and "allowed are PDF, ODT, DOCX, PNG, JPG" in refused.output
    assert [(a["name"], a["media_type"]) for a in listed] == [("Anlage 1.pdf", "application/pdf")]
    assert detached.exit_code == 0 and json.loads(run("attachments", str(rec.id), "--json").output) == []
    assert [p for p in (tmp_path / "files").rglob("*") if p.is_file()] == []
