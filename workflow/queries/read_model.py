"""The base of the read models that the JSON API serialises: immutable, typed, and described in its OpenAPI."""

from pydantic import BaseModel, ConfigDict


class ReadModel(BaseModel):
    """A frozen pydantic model; a field named like a Python keyword takes its JSON name as alias (``from``)."""

    model_config = ConfigDict(frozen=True, validate_by_name=True, validate_by_alias=True)
