"""The strategy group's twelve ordinary seats, as the network's founding texts define them."""

from sqlmodel import Session, select

from models.enums import SeatCategory as C
from models.enums import SeatSubkind as K
from models.people import Seat
from workflow.transaction import committing

DEFAULT_SEATS: tuple[tuple[str, C, K, str], ...] = (
    ("MIN-1", C.MINISTRY, K.NONE, "Ministerium für Soziales, Gesundheit und Integration (1)"),
    ("MIN-2", C.MINISTRY, K.NONE, "Ministerium für Soziales, Gesundheit und Integration (2)"),
    ("MIN-3", C.MINISTRY, K.NONE, "Ministerium für Soziales, Gesundheit und Integration (3)"),
    ("KLV-GT", C.MUNICIPAL_ASSOCIATION, K.GEMEINDETAG, "Gemeindetag Baden-Württemberg"),
    ("KLV-ST", C.MUNICIPAL_ASSOCIATION, K.STAEDTETAG, "Städtetag Baden-Württemberg"),
    ("KLV-LKT", C.MUNICIPAL_ASSOCIATION, K.LANDKREISTAG, "Landkreistag Baden-Württemberg"),
    ("VL-G", C.ADMINISTRATION_HEAD, K.GEMEINDE, "Leitung der Kommunalverwaltung – Gemeinde"),
    ("VL-S", C.ADMINISTRATION_HEAD, K.STADT, "Leitung der Kommunalverwaltung – Stadt"),
    ("VL-LK", C.ADMINISTRATION_HEAD, K.LANDKREIS, "Leitung der Kommunalverwaltung – Landkreis"),
    ("IB-G", C.INTEGRATION_COMMISSIONER, K.GEMEINDE, "Integrationsbeauftragte/r – Gemeinde"),
    ("IB-S", C.INTEGRATION_COMMISSIONER, K.STADT, "Integrationsbeauftragte/r – Stadt"),
    ("IB-LK", C.INTEGRATION_COMMISSIONER, K.LANDKREIS, "Integrationsbeauftragte/r – Landkreis"),
)


def ensure_default_seats(session: Session) -> list[Seat]:
    """Create the twelve default seats where they are missing; return all seats by code."""
    existing = {s.code: s for s in session.exec(select(Seat)).all()}
    with committing(session, "The seats"):
        for code, category, subkind, label in DEFAULT_SEATS:
            if code not in existing:
                existing[code] = Seat(code=code, category=category, subkind=subkind, label=label)
                session.add(existing[code])
    return [existing[code] for code, *_ in DEFAULT_SEATS]
