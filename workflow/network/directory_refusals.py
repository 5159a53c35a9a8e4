"""Refusals of the directory's use cases (people and organisations), kept as a code with its values so that the
command line prints the English sentence and the pages word it in German (``web/wording/directory_labels.py``)."""

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ValidationError

from workflow.engine.errors import InvalidInput, NotFound
from workflow.engine.refusals import Worded

SENTENCES: dict[str, str] = {
    # email addresses
    "email_missing": "Give an email address.",
    "email_invalid": "'%(email)s' is not a valid email address: %(reason)s",
    "email_taken": "A person with the email '%(email)s' is registered already.",
    # people
    "no_person": "No person is registered with the email '%(email)s'.",
    "no_person_id": "There is no person with id %(id)s.",
    "person_left": "%(name)s <%(email)s> has left already (deactivated).",
    "person_active": "%(name)s <%(email)s> is active already.",
    "person_merged": "%(name)s <%(email)s> was merged into another person; edit that person instead.",
    "merge_into_self": "A person cannot be merged into themselves.",
    "merge_into_inactive": "%(name)s <%(email)s> is deactivated; merge into an active person.",
    "leaving_in_future": "A person leaves today or on a past day, not on %(day)s.",
    "reason_required": "Say why (a comment); the record keeps it.",
    "last_secretariat_leaves": "%(name)s holds the last secretariat term in force; someone must be able to run the "
                               "office: give another person a secretariat term first.",
    # organisations
    "no_organisation": "There is no organisation '%(ref)s'.",
    "no_organisation_id": "There is no organisation with id %(id)s.",
    "organisation_name_taken": "An organisation named '%(name)s' exists already.",
    "organisation_inactive": "The organisation '%(name)s' is deactivated; choose an active one.",
    "organisation_active": "The organisation '%(name)s' is active already.",
    "organisation_merged": "The organisation '%(name)s' was merged into another one; edit that one instead.",
    "organisation_into_self": "An organisation cannot be merged into itself.",
    "organisation_into_inactive": "The organisation '%(name)s' is deactivated; merge into an active one.",
    # form values
    "field_invalid": "Check the field %(field)s: %(reason)s",
}


class DirectoryRefusal(Worded):
    """A refusal of the directory (see ``code``)."""

    family: ClassVar[str] = "directory"
    sentences: ClassVar[Mapping[str, str]] = SENTENCES


class DirectoryInvalidInput(DirectoryRefusal, InvalidInput):
    """Not possible with these values (see ``code``)."""


class DirectoryNotFound(DirectoryRefusal, NotFound):
    """No such person or organisation (see ``code``)."""


Model = TypeVar("Model", bound=BaseModel)


def checked(model: type[Model], **values: Any) -> Model:
    """``model`` built from ``values``; a bad value is refused naming its field (the first one, as forms show)."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "value"
        raise DirectoryInvalidInput("field_invalid", field=field, reason=first["msg"]) from None
