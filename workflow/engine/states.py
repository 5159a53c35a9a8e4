"""The states of the two default workflows; the values are what the database stores.

The enums live in ``models.enums`` (the tables' CHECK constraints are built from them, and models import nothing of
workflow); the engine names them here.
"""

from models.enums import RecommendationState, WorkingGroupState

__all__ = ["RecommendationState", "WorkingGroupState"]
