"""Pages anyone may see without signing in: the public list of recommendations and events, the workflow diagram."""

from functools import lru_cache

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from web.attachments import attachments_shown
from web.deps import MaybeViewer, Now, ReadSession, UnitOfWorkRoute
from web.i18n import LANGUAGES, Translator
from web.templating import language_of, render
from web.wording import directory_labels, forwarding_labels, meeting_labels, network_labels, timeline_labels
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.diagram import svg
from workflow.network.public_events import event_ics, find_event, public_events
from workflow.queries.attachment_views import public_recommendation_row
from workflow.queries.browsing import public_recommendations
from workflow.queries.public_views import public_recommendation

router = APIRouter(route_class=UnitOfWorkRoute)
PUBLIC_PAGE_SIZE = 20


@router.get("/", response_class=HTMLResponse)
def public_page(request: Request, session: ReadSession, viewer: MaybeViewer, now: Now,
                page: int = Query(1, ge=1, le=10_000)) -> Response:
    """Adopted recommendations and how their implementation stands, a page at a time, and the events ahead; no
    personal data."""
    result = public_recommendations(session, offset=(page - 1) * PUBLIC_PAGE_SIZE, limit=PUBLIC_PAGE_SIZE)
    return render(request, "public.html", items=result.items, page=page,
                  pages=max(1, -(-result.total // PUBLIC_PAGE_SIZE)), events=public_events(session, now),
                  network_labels=network_labels)


@router.get("/oeffentlich/empfehlungen/{number}", response_class=HTMLResponse)
def public_recommendation_page(request: Request, number: str, session: ReadSession, viewer: MaybeViewer) -> Response:
    """One adopted recommendation for the public: its text, the decision, its status timeline and the bodies'
    reports (statuses and dates); not found for any recommendation not adopted."""
    rec = public_recommendation(session, number)
    return render(request, "public_recommendation.html", rec=rec,
                  tlabels=timeline_labels, flabels=forwarding_labels, kinds=directory_labels.KINDS,
                  meeting_labels=meeting_labels,
                  **attachments_shown(request, session, public_recommendation_row(session, number).id or 0))


@router.get("/events/{event_id}.ics")
def event_calendar(event_id: int, session: ReadSession, now: Now) -> Response:
    """The calendar entry of one public event (a cancellation once it is cancelled)."""
    event = find_event(session, event_id)
    return Response(event_ics(event, now), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="veranstaltung-{event_id}.ics"'})


@lru_cache(maxsize=len(LANGUAGES))
def _diagram_svg(language: str) -> str:
    # Drawn once per process and language: the transition table does not change while the app runs.
    return svg(RECOMMENDATION_WORKFLOW, Translator(language).gettext)


@router.get("/workflow", response_class=HTMLResponse)
def workflow_page(request: Request, viewer: MaybeViewer) -> Response:
    """The recommendation's workflow: the diagram and the same transitions as a table."""
    rows = [{"event": r.event, "sources": r.sources, "dest": r.dest, "roles": sorted(r.roles),
             "outcome": r.outcome, "service_only": r.service_only} for r in RECOMMENDATION_WORKFLOW.rules]
    # The diagram's text alternative: each state in order with the steps leading on from it.
    states = [{"state": s.value, "onward": [row for row, rule in zip(rows, RECOMMENDATION_WORKFLOW.rules, strict=True)
                                            if s.value in rule.sources]}
              for s in RECOMMENDATION_WORKFLOW.states]
    return render(request, "workflow.html", rows=rows, states=states)


@router.get("/workflow.svg")
def workflow_svg(request: Request, viewer: MaybeViewer) -> Response:
    """The diagram drawn by Graphviz from the transition table, its events named in the reader's language."""
    # The language follows the session: a shared cache must not hand one reader's language to another.
    return Response(_diagram_svg(language_of(request)), media_type="image/svg+xml",
                    headers={"Cache-Control": "private, max-age=3600", "Vary": "Cookie"})
