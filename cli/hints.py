"""What the command line adds to a refusal: the command or option that helps (the sentence itself comes from the
one wording table, ``web/wording/refusals``)."""

from web.wording.refusals import english
from workflow.engine.errors import EngineRefusal, RecoflowError
from workflow.network.refusals import DirectoryRefusal, EventRefusal, GroupRefusal, ProfileRefusal

# code → a sentence naming the command or option that helps.
HINTS: dict[str, str] = {
    EngineRefusal.NO_SUBJECT: "'recoflow rec list' lists the recommendations.",
    EngineRefusal.TAKES_NO_OUTCOME: "Leave --outcome out.",
    EngineRefusal.NEEDS_OUTCOME: "Give it with --outcome.",
    EngineRefusal.STALE_VERSION: "Show it again ('recoflow rec show') and repeat the command.",
    # the network
    DirectoryRefusal.NO_PERSON: "'recoflow people list' shows who is registered.",
    DirectoryRefusal.NO_ORGANISATION: "'recoflow orgs list' shows them.",
    GroupRefusal.NO_WORKING_GROUP: "'recoflow groups list' shows them.",
    GroupRefusal.NO_TOPIC: "'recoflow topics list' shows them.",
    EventRefusal.NO_EVENT: "'recoflow events list' shows them.",
    ProfileRefusal.PROFILE_CHANGED: "Show the profile again ('recoflow network show') and repeat the command.",
}


def error_line(error: RecoflowError) -> str:
    """The refusal as the command line prints it: the English sentence and, where one helps, the command."""
    hint = HINTS.get(error.code)
    text = english(error)
    return f"{text} {hint}" if hint else text
