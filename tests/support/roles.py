"""Test helpers for offices and the composition: a small composition of 5 seats in 2 categories."""

from typing import Any

FIVE_SEATS: list[dict[str, Any]] = [
    {"code": "land", "label": "Land", "seats": [
        {"code": "MIN-1", "label": "Ministerium (1)", "stands_for": "none"},
        {"code": "MIN-2", "label": "Ministerium (2)", "stands_for": "none"}]},
    {"code": "kommunen", "label": "Kommunen", "seats": [
        {"code": "K-GEM", "label": "Gemeinden", "stands_for": "gemeinde"},
        {"code": "K-STA", "label": "Städte", "stands_for": "stadt"},
        {"code": "K-KRS", "label": "Landkreise", "stands_for": "landkreis"}]},
]
