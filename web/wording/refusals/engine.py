"""Refusals of the engine: firing an event on any workflow (English message ids; German from refusals.po)."""

from web.i18n import N_
from workflow.engine.errors import EngineRefusal, RefusalCode

REFUSALS: dict[RefusalCode, str] = {
    EngineRefusal.NO_SUBJECT: N_("There is no %(kind)s with id %(id)s."),
    EngineRefusal.UNKNOWN_EVENT: N_("“%(event)s” is not a step of the %(workflow)s workflow."),
    EngineRefusal.EVENT_NOT_POSSIBLE: N_("“%(event)s” is not possible for %(label)s: it is %(state)s."),
    EngineRefusal.TAKES_NO_OUTCOME: N_("“%(event)s” takes no outcome."),
    EngineRefusal.NEEDS_OUTCOME: N_("“%(event)s” needs an outcome: one of %(outcomes)s."),
    EngineRefusal.ROLE_REQUIRED: N_("%(name)s <%(email)s> may not take the step “%(event)s” for %(label)s: only "
                                    "%(roles)s may."),
    EngineRefusal.STALE_VERSION: N_("%(label)s was changed by someone else meanwhile (version %(version)s, you saw "
                                    "version %(seen)s). Reload it and try again."),
    EngineRefusal.CHANGED_MEANWHILE: N_("%(label)s was changed by someone else at the same time; nothing was saved. "
                                        "Reload it and try again."),
    EngineRefusal.SAVED_MEANWHILE: N_("Someone else saved the same data at the same time; nothing was saved. "
                                      "Reload and try again."),
    EngineRefusal.NO_PROBLEM_TYPE: N_("There is no refusal code “%(code)s”; /api/v1/problems lists them."),
    EngineRefusal.NO_GRAPHVIZ: N_("Drawing the diagram needs Graphviz's “dot” program, which is not installed on "
                                  "the server."),
    EngineRefusal.GUARD_FAILED: N_("“%(event)s” is not possible yet for %(label)s: %(reasons)s"),
    EngineRefusal.NO_SUCH_ID: N_("There is nothing with the id “%(id)s”."),
    EngineRefusal.NUMBER_OUT_OF_RANGE: N_("“%(field)s” is a number too large to be stored."),
    EngineRefusal.TEXT_TOO_LONG: N_("“%(field)s” is too long: at most %(limit)s characters, not %(length)s. "
                                    "Nothing was saved."),
    EngineRefusal.UNSTORABLE_TEXT: N_("“%(field)s” contains a character that cannot be stored (a NUL byte or a "
                                      "broken character); remove it and send it again."),
}

# What a refusal of an impossible step adds: the steps possible now.
POSSIBLE_NOW = N_("Possible now: %(possible)s.")
NOTHING_POSSIBLE = N_("No step is possible from this state.")
