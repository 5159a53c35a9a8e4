"""Refusals of the web application itself (a signed-in account or an API token whose person is gone), declared and
worded here because no service raises them (English message ids; German from refusals.po)."""

from web.i18n import N_
from workflow.engine.errors import RefusalCode


class WebRefusal(RefusalCode):
    """What the pages and the API refuse before any service is asked."""

    ACCOUNT_GONE = "web.account_gone", "not_found"            # (the signed-in person was removed)
    TOKEN_PERSON_GONE = "web.token_person_gone", "not_found"  # (the API token's person was removed)


REFUSALS: dict[RefusalCode, str] = {
    WebRefusal.ACCOUNT_GONE: N_("Your account no longer exists; sign in again."),
    WebRefusal.TOKEN_PERSON_GONE: N_("The person this API token belongs to no longer exists; ask the secretariat for a "
                                     "new token."),
}
