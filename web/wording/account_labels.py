"""Words of the page of a person's own API tokens (German from the catalog ``web/locale/de/LC_MESSAGES/account.po``;
the refusals are worded in ``web/wording/refusals/network.py`` and ``web.py``)."""

from web.i18n import N_
from workflow.network.api_tokens import TokenState

# A token's state as the page's table names it (a revoked one also names the day).
TOKEN_STATES = {
    TokenState.ACTIVE: N_("valid"),
    TokenState.EXPIRED: N_("expired"),
    TokenState.REVOKED: N_("revoked"),
}
