"""The documents as PDF: a recommendation for whoever may see its page, an adopted one for the public, and a
meeting's minutes for those who read the minutes page. ``?variant=archiv`` gives PDF/A instead of PDF/UA,
``?lang=en`` English instead of the reader's language."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.deps import Internal, ReadSession, UnitOfWorkRoute
from web.documents import (
    Language,
    PdfVariant,
    Variant,
    document_setting,
    minutes_pdf,
    pdf_response,
    recommendation_pdf,
)
from workflow.engine.errors import NotFound
from workflow.queries.browsing import require_view
from workflow.queries.documents import Audience
from workflow.recommendations.lifecycle import find_recommendation
from workflow.recommendations.refusals import RecommendationRefusal

router = APIRouter(route_class=UnitOfWorkRoute)


@router.get("/recommendations/{ref}/document.pdf", response_class=Response)
def recommendation_document(request: Request, ref: str, viewer: Internal, session: ReadSession,
                            variant: Variant = PdfVariant.UA, lang: Language = "") -> Response:
    """The recommendation as PDF, for whoever may see its page: text, rationale, addressees, the decision with its
    tally, the bodies it went to, its status timeline and its history."""
    rec = find_recommendation(session, ref)
    require_view(viewer.person, viewer.standing, rec)
    return pdf_response(*recommendation_pdf(session, rec, Audience.INTERNAL, document_setting(request, lang),
                                            variant))


@router.get("/oeffentlich/empfehlungen/{number}/dokument.pdf", response_class=Response)
def public_document(request: Request, number: str, session: ReadSession, variant: Variant = PdfVariant.UA,
                    lang: Language = "") -> Response:
    """An adopted recommendation as PDF for the public (what its public page shows); any other is not found."""
    if number.strip().isdigit():  # as the public page: by number only, never by id
        raise NotFound(RecommendationRefusal.NO_RECOMMENDATION, ref=number)
    rec = find_recommendation(session, number)
    return pdf_response(*recommendation_pdf(session, rec, Audience.PUBLIC, document_setting(request, lang), variant))


@router.get("/meetings/{meeting_id}/minutes.pdf", response_class=Response)
def minutes_document(request: Request, meeting_id: int, viewer: Internal, session: ReadSession,
                     variant: Variant = PdfVariant.UA, lang: Language = "") -> Response:
    """A meeting's minutes as PDF: attendance, every decision with its tally, the named ballots."""
    return pdf_response(*minutes_pdf(session, meeting_id, document_setting(request, lang), variant))
