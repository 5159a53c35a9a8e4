"""The deciding body's composition as the network's setting: its seat categories and the seats of each.

Stored in ``network_profile.composition`` as ``{"categories": [{"code", "label", "seats": [{"code", "label",
"stands_for"}]}]}``; null means the Baden-Württemberg network's 12 = 4 × 3 (``DEFAULT_SEATS``). The seats
themselves are rows (``Seat``) that terms and ballots point to: a seat is created when it is configured and never
deleted once it has history; a seat no longer configured is named by the composition check.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from models.enums import SeatCategory as C
from models.enums import SeatSubkind as K
from models.network import PROFILE_ID, NetworkProfile
from models.people import Person, RoleAssignment, Seat
from workflow.engine.clock import local_date
from workflow.engine.errors import InvalidInput
from workflow.network.records import record_change
from workflow.network.refusals import CompositionRefusal
from workflow.strategy_group.seat_holders import SECRETARIAT_ONLY, Action, require_role

# The Baden-Württemberg network's seats: code, category, what the seat stands for, label.
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
DEFAULT_CATEGORY_LABELS: dict[str, str] = {
    C.MINISTRY: "Ministerium",
    C.MUNICIPAL_ASSOCIATION: "Kommunale Landesverbände",
    C.ADMINISTRATION_HEAD: "Leitungen der Kommunalverwaltung",
    C.INTEGRATION_COMMISSIONER: "Integrationsbeauftragte",
}
CODE_LENGTH = 32
LABEL_LENGTH = 200

@dataclass(frozen=True)
class SeatSpec:
    """One configured seat: its code, label and what it stands for (an association, a level, or "none")."""

    code: str
    label: str
    stands_for: str = "none"


@dataclass(frozen=True)
class CategorySpec:
    """One seat category with its seats."""

    code: str
    label: str
    seats: tuple[SeatSpec, ...]


@dataclass(frozen=True)
class Composition:
    """The deciding body's categories and seats; ``is_default`` when the network has set none of its own."""

    categories: tuple[CategorySpec, ...]
    is_default: bool = False

    @property
    def seats(self) -> list[tuple[CategorySpec, SeatSpec]]:
        """Every configured seat with its category, in the configured order."""
        return [(c, s) for c in self.categories for s in c.seats]

    @property
    def seat_codes(self) -> list[str]:
        """The codes of the configured seats, in order."""
        return [s.code for _c, s in self.seats]

    def category(self, code: str) -> CategorySpec | None:
        """The category with ``code``, if configured."""
        return next((c for c in self.categories if c.code == code), None)

    def as_json(self) -> list[dict[str, Any]]:
        """The composition as the setting stores it and the commands and the API show it."""
        return [{"code": c.code, "label": c.label,
                 "seats": [{"code": s.code, "label": s.label, "stands_for": s.stands_for} for s in c.seats]}
                for c in self.categories]


def _default() -> Composition:
    categories: dict[str, list[SeatSpec]] = {}
    for code, category, subkind, label in DEFAULT_SEATS:
        categories.setdefault(category.value, []).append(SeatSpec(code, label, subkind.value))
    return Composition(tuple(CategorySpec(c, DEFAULT_CATEGORY_LABELS[c], tuple(seats))
                             for c, seats in categories.items()), is_default=True)


DEFAULT_COMPOSITION = _default()


def _code(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(CompositionRefusal.CODE_MISSING, what=what, max=CODE_LENGTH)
    code = value.strip()
    if len(code) > CODE_LENGTH or not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in code):
        raise InvalidInput(CompositionRefusal.CODE_INVALID, ref=code, what=what, max=CODE_LENGTH)
    return code


def _label(value: Any, what: str, code: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(CompositionRefusal.LABEL_MISSING, what=what, ref=code)
    if len(value.strip()) > LABEL_LENGTH:
        raise InvalidInput(CompositionRefusal.LABEL_TOO_LONG, what=what, ref=code, max=LABEL_LENGTH)
    return value.strip()


def parse_composition(data: Any) -> Composition:
    """A composition from its JSON form (a list of categories, or ``{"categories": [...]}``), validated."""
    if isinstance(data, Mapping) and "categories" in data:
        data = data["categories"]
    if not isinstance(data, list) or not all(isinstance(c, Mapping) for c in data):
        raise InvalidInput(CompositionRefusal.NOT_A_LIST)
    categories: list[CategorySpec] = []
    category_codes: set[str] = set()
    seat_codes: set[str] = set()
    for raw in data:
        code = _code(raw.get("code"), "category")
        if code in category_codes:
            raise InvalidInput(CompositionRefusal.CODE_TWICE, what="category", ref=code)
        category_codes.add(code)
        label = _label(raw.get("label"), "category", code)
        raw_seats = raw.get("seats")
        if not isinstance(raw_seats, list) or not raw_seats:
            raise InvalidInput(CompositionRefusal.CATEGORY_WITHOUT_SEATS, category=code)
        seats: list[SeatSpec] = []
        for seat in raw_seats:
            if not isinstance(seat, Mapping):
                raise InvalidInput(CompositionRefusal.NOT_A_LIST)
            seat_code = _code(seat.get("code"), "seat").upper()
            if seat_code in seat_codes:
                raise InvalidInput(CompositionRefusal.CODE_TWICE, what="seat", ref=seat_code)
            seat_codes.add(seat_code)
            stands_for = seat.get("stands_for") or "none"
            seats.append(SeatSpec(seat_code, _label(seat.get("label"), "seat", seat_code),
                                  _code(stands_for, "seat").lower()))
        categories.append(CategorySpec(code, label, tuple(seats)))
    if not seat_codes:
        raise InvalidInput(CompositionRefusal.EMPTY)
    return Composition(tuple(categories))


def composition_of(session: Session) -> Composition:
    """The network's composition of the deciding body (the Baden-Württemberg default when none is set)."""
    profile = session.get(NetworkProfile, PROFILE_ID)
    if profile is None or profile.composition is None:
        return DEFAULT_COMPOSITION
    return parse_composition(profile.composition)


def sync_seats(session: Session, composition: Composition) -> list[Seat]:
    """Create the configured seats that are missing and bring category, sub-kind and label of the others in line
    (no commit); seats no longer configured stay. Return the configured seats in order."""
    existing = {s.code: s for s in session.exec(select(Seat)).all()}
    seats = []
    for category, spec in composition.seats:
        seat = existing.get(spec.code)
        if seat is None:
            seat = Seat(code=spec.code, category=category.code, subkind=spec.stands_for, label=spec.label)
        else:
            seat.category, seat.subkind, seat.label = category.code, spec.stands_for, spec.label
        session.add(seat)
        seats.append(seat)
    session.flush()
    return seats


def ensure_seats(session: Session) -> list[Seat]:
    """Create the network's configured seats where they are missing; return them in the configured order."""
    seats = sync_seats(session, composition_of(session))
    return seats


def _open_terms(session: Session, seat_ids: Iterable[int], day: date) -> dict[int, list[str]]:
    ids = list(seat_ids)
    if not ids:
        return {}
    rows = session.exec(select(RoleAssignment, Person).join(Person, col(Person.id) == RoleAssignment.person_id)
                        .where(col(RoleAssignment.seat_id).in_(ids))).all()
    names: dict[int, list[str]] = {}
    for term, person in rows:
        if term.ends_on is None or term.ends_on >= day:
            names.setdefault(term.seat_id or 0, []).append(person.name)
    return names


def set_composition(session: Session, composition: Any, *, actor: Person | None, now: datetime,
                    comment: str = "") -> Composition:
    """Make ``composition`` (its JSON form, or a Composition) the network's; the secretariat only."""
    if actor is not None:
        require_role(session, actor, SECRETARIAT_ONLY, Action.SET_THE_STRATEGY_GROUP_COMPOSITION, now)
    wanted = composition if isinstance(composition, Composition) else parse_composition(composition)
    before = composition_of(session)
    removed = set(before.seat_codes) - set(wanted.seat_codes)
    seats = {s.code: s for s in session.exec(select(Seat)).all()}
    in_use = _open_terms(session, [seats[c].id or 0 for c in removed if c in seats], local_date(now))
    for code in sorted(removed):
        if code in seats and (seats[code].id or 0) in in_use:
            raise InvalidInput(CompositionRefusal.SEAT_IN_USE, ref=code, names=tuple(in_use[seats[code].id or 0]))
    profile = session.get(NetworkProfile, PROFILE_ID)
    if profile is None:
        profile = NetworkProfile(id=PROFILE_ID, name="")
    profile.composition = {"categories": wanted.as_json()}
    profile.updated_at = now
    profile.version = (profile.version or 0) + 1
    session.add(profile)
    sync_seats(session, wanted)
    record_change(session, "network", PROFILE_ID, "set_composition", actor=actor, now=now, comment=comment,
                  changes={"composition": [before.as_json(), wanted.as_json()]})
    return Composition(wanted.categories)



def configured_seats(session: Session) -> list[Seat]:
    """The seats of the network's composition (those that vote and count for the quorum), in order."""
    codes = composition_of(session).seat_codes
    seats = {s.code: s for s in session.exec(select(Seat).where(col(Seat.code).in_(codes))).all()}
    return [seats[c] for c in codes if c in seats]
