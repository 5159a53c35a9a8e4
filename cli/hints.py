"""What the command line adds to a refusal: the command or option that helps (the sentence itself comes from the
one wording table, ``web/wording/refusals``)."""

from web.wording.refusals import english
from workflow.engine.errors import EngineRefusal, RecoflowError

# code → a sentence naming the command or option that helps.
HINTS: dict[str, str] = {
    EngineRefusal.NO_SUBJECT: "'recoflow rec list' lists the recommendations.",
    EngineRefusal.TAKES_NO_OUTCOME: "Leave --outcome out.",
    EngineRefusal.NEEDS_OUTCOME: "Give it with --outcome.",
    EngineRefusal.STALE_VERSION: "Show it again ('recoflow rec show') and repeat the command.",
}


def error_line(error: RecoflowError) -> str:
    """The refusal as the command line prints it: the English sentence and, where one helps, the command."""
    hint = HINTS.get(error.code)
    text = english(error)
    return f"{text} {hint}" if hint else text
