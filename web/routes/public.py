"""Pages anyone may see without signing in: the public list of recommendations and the workflow diagram."""

from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from web.deps import MaybeViewer, ReadSession
from web.templating import render
from workflow.browsing import public_recommendations
from workflow.definitions import RECOMMENDATION_WORKFLOW
from workflow.diagram import svg

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def public_page(request: Request, session: ReadSession, viewer: MaybeViewer) -> Response:
    """Adopted recommendations and how their implementation stands; no personal data."""
    return render(request, "public.html", items=public_recommendations(session))


@lru_cache(maxsize=1)
def _diagram_svg() -> str:
    # Drawn once per process: the transition table does not change while the app runs.
    return svg(RECOMMENDATION_WORKFLOW)


@router.get("/workflow", response_class=HTMLResponse)
def workflow_page(request: Request, viewer: MaybeViewer) -> Response:
    """The recommendation's workflow: the diagram and the same transitions as a table."""
    rows = [{"event": r.event, "sources": r.sources, "dest": r.dest, "roles": sorted(r.roles),
             "outcome": r.outcome} for r in RECOMMENDATION_WORKFLOW.rules]
    return render(request, "workflow.html", rows=rows)


@router.get("/workflow.svg")
def workflow_svg() -> Response:
    """The diagram drawn by Graphviz from the transition table."""
    return Response(_diagram_svg(), media_type="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=3600"})
