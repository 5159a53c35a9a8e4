"""The read-only OParl 1.1 endpoint: ``/oparl/v1/`` is the System, with one Body (the network) and its external
lists, paginated and filtered as the specification says (2.5), every answer JSON with ``Access-Control-Allow-Origin:
*`` (2.6). Deleted (depublished) objects answer 200 with ``deleted: true`` and appear in lists only when
``modified_since`` is given (2.8)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from math import ceil
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from sqlmodel import Session

from web.deps import ReadSession, UnitOfWorkRoute, web_state
from web.i18n import Translator
from web.oparl.objects import BODY_ID, PREFIX, Renderer
from workflow.queries.oparl import (
    oparl_agenda_items,
    oparl_auxiliary_file,
    oparl_groups,
    oparl_institutions,
    oparl_meetings,
    oparl_network,
    oparl_papers,
)

router = APIRouter(prefix=PREFIX, route_class=UnitOfWorkRoute, tags=["OParl"])
MEDIA_TYPE = "application/json; charset=utf-8"
CORS = {"Access-Control-Allow-Origin": "*"}
PAGE_SIZE = 100
# A path id beyond PostgreSQL's INTEGER would be a server error, not a 404.
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _json(content: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(content, status_code=status_code, media_type=MEDIA_TYPE, headers=CORS)


def _missing() -> JSONResponse:
    return _json({"error": "not found"}, 404)


def renderer(request: Request) -> Renderer:
    """The renderer for this app's base URL, time zone and default language."""
    settings = web_state(request).settings
    return Renderer(settings.base_url, settings.tz, Translator(settings.language))


Render = Annotated[Renderer, Depends(renderer)]


# The filters of an external list (spec 2.5); a time without an offset is the network's local time.
@dataclass(frozen=True)
class ListFilters:
    created_since: datetime | None = None
    created_until: datetime | None = None
    modified_since: datetime | None = None
    modified_until: datetime | None = None
    limit: Annotated[int, Query(ge=1, le=PAGE_SIZE)] = PAGE_SIZE
    page: Annotated[int, Query(ge=1, le=2**31 - 1)] = 1


Filters = Annotated[ListFilters, Depends()]
# One object of a list: created, modified, deleted, and the object as rendered.
Entry = tuple[datetime, datetime, bool, dict[str, Any]]


def _aware(moment: datetime | None, render: Renderer) -> datetime | None:
    return moment.replace(tzinfo=render.zone) if moment is not None and moment.tzinfo is None else moment


def _kept(entry: Entry, filters: ListFilters, render: Renderer) -> bool:
    created, modified, deleted, _obj = entry
    bounds = [(_aware(filters.created_since, render), created, True),
              (_aware(filters.created_until, render), created, False),
              (_aware(filters.modified_since, render), modified, True),
              (_aware(filters.modified_until, render), modified, False)]
    if deleted and filters.modified_since is None:
        return False
    return all(bound is None or (value >= bound if since else value <= bound) for bound, value, since in bounds)


def _page(request: Request, render: Renderer, filters: ListFilters, entries: Sequence[Entry]) -> JSONResponse:
    kept = [entry[3] for entry in entries if _kept(entry, filters, render)]
    pages = max(1, ceil(len(kept) / filters.limit))
    start = (filters.page - 1) * filters.limit
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]

    def link(page: int) -> str:
        return f"{render.base_url.rstrip('/')}{request.url.path}?{urlencode([*params, ('page', str(page))])}"

    links = {"first": link(1), "self": link(filters.page), "last": link(pages)}
    if filters.page > 1:
        links["prev"] = link(min(filters.page - 1, pages))
    if filters.page < pages:
        links["next"] = link(filters.page + 1)
    return _json({"data": kept[start:start + filters.limit],
                  "pagination": {"totalElements": len(kept), "elementsPerPage": filters.limit,
                                 "currentPage": filters.page, "totalPages": pages},
                  "links": links})


def _entries(render_one: Callable[[Any], dict[str, Any]], items: Sequence[Any]) -> list[Entry]:
    return [(i.created, i.modified, bool(getattr(i, "deleted", False)), render_one(i)) for i in items]


def _files(session: Session, render: Renderer) -> list[Entry]:
    """Each public paper's document, then the files attached to it (read with the papers, in one query)."""
    public = [p for p in oparl_papers(session) if p.public_page]
    entries = _entries(render.file, public)
    for paper in public:
        for attachment in paper.attachments:
            obj = render.auxiliary_file(paper, attachment)
            entries.append((attachment.uploaded_at, max(attachment.uploaded_at, paper.modified), False, obj))
    return entries


def _organizations(session: Session, render: Renderer, fallback: str) -> list[Entry]:
    network = oparl_network(session, fallback)
    return (_entries(render.group, oparl_groups(session, network))
            + _entries(render.institution, oparl_institutions(session, network)))


@router.get("/", summary="The OParl System")
def system(request: Request, session: ReadSession, render: Render) -> JSONResponse:
    """The System object: the OParl version and the list of bodies (one: the network)."""
    return _json(render.system(oparl_network(session, web_state(request).settings.network_name)))


@router.get("/bodies", summary="The list of bodies")
def bodies(request: Request, session: ReadSession, render: Render, filters: Filters) -> JSONResponse:
    """The one body, as an external list."""
    network = oparl_network(session, web_state(request).settings.network_name)
    return _page(request, render, filters, [(network.created, network.modified, False, render.body(network))])


@router.get("/body/{body_id}", summary="The network as an OParl Body")
def body(body_id: Id, request: Request, session: ReadSession, render: Render) -> JSONResponse:
    """The body with the URLs of its lists."""
    if body_id != BODY_ID:
        return _missing()
    return _json(render.body(oparl_network(session, web_state(request).settings.network_name)))


@router.get("/body/{body_id}/{kind}", summary="One of the body's lists")
def body_list(body_id: Id, kind: str, request: Request, session: ReadSession, render: Render,
              filters: Filters) -> JSONResponse:
    """Organizations, persons, memberships, meetings, papers, agenda items, consultations or files, by id."""
    if body_id != BODY_ID:
        return _missing()
    lists: dict[str, Callable[[], list[Entry]]] = {
        "organizations": lambda: _organizations(session, render, web_state(request).settings.network_name),
        # Nobody is named: the public pages name no person and no one consented to publication (see the README).
        "persons": list, "memberships": list,
        "meetings": lambda: _entries(render.meeting, oparl_meetings(session)),
        "papers": lambda: _entries(render.paper, oparl_papers(session)),
        "agendaItems": lambda: _entries(render.agenda_item, oparl_agenda_items(session)),
        "consultations": lambda: _entries(render.consultation, oparl_agenda_items(session)),
        "files": lambda: _files(session, render),
    }
    if kind not in lists:
        return _missing()
    return _page(request, render, filters, lists[kind]())


@router.get("/organization/{key}", summary="An organization")
def organization(key: str, request: Request, session: ReadSession, render: Render) -> JSONResponse:
    """The strategy group, a working group (``wg-ID``) or an institution (``body-ID``)."""
    found = [obj for _c, _m, _d, obj in _organizations(session, render, web_state(request).settings.network_name)
             if obj["id"] == render.url(f"/organization/{key}")]
    return _json(found[0]) if found else _missing()


@router.get("/meeting/{meeting_id}", summary="A meeting")
def meeting(meeting_id: Id, session: ReadSession, render: Render) -> JSONResponse:
    """A meeting or written procedure with its agenda."""
    found = oparl_meetings(session, meeting_id)
    return _json(render.meeting(found[0])) if found else _missing()


@router.get("/location/{meeting_id}", summary="A meeting's place")
def location(meeting_id: Id, session: ReadSession, render: Render) -> JSONResponse:
    """Where a meeting takes place (as the meeting names it)."""
    found = [m for m in oparl_meetings(session, meeting_id) if m.location]
    return _json(render.location(found[0])) if found else _missing()


@router.get("/agendaItem/{item_id}", summary="An agenda item")
def agenda_item(item_id: Id, session: ReadSession, render: Render) -> JSONResponse:
    """One recommendation on one agenda."""
    found = [i for i in oparl_agenda_items(session) if i.id == item_id]
    return _json(render.agenda_item(found[0])) if found else _missing()


@router.get("/consultation/{item_id}", summary="A consultation")
def consultation(item_id: Id, session: ReadSession, render: Render) -> JSONResponse:
    """The consultation of a recommendation at the meeting of the agenda item of the same id."""
    found = [i for i in oparl_agenda_items(session) if i.id == item_id]
    return _json(render.consultation(found[0])) if found else _missing()


@router.get("/paper/{rec_id}", summary="A paper")
def paper(rec_id: Id, session: ReadSession, render: Render) -> JSONResponse:
    """A recommendation past its draft (deleted once depublished)."""
    found = oparl_papers(session, rec_id)
    return _json(render.paper(found[0])) if found else _missing()


# Before ``/file/{rec_id}``, which would take ``anlage-…`` for a malformed paper id.
@router.get("/file/anlage-{attachment_id}", summary="A file attached to a paper")
def auxiliary_file(attachment_id: Id, session: ReadSession, render: Render) -> JSONResponse:
    """A file attached to a recommendation the public page shows (an ``auxiliaryFile`` of its paper)."""
    found = oparl_auxiliary_file(session, attachment_id)
    return _json(render.auxiliary_file(*found)) if found else _missing()


@router.get("/file/{rec_id}", summary="A file")
def file(rec_id: Id, session: ReadSession, render: Render) -> JSONResponse:
    """The document of a recommendation the public page shows."""
    found = [p for p in oparl_papers(session, rec_id) if p.public_page]
    return _json(render.file(found[0])) if found else _missing()
