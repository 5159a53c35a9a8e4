"""The base of the read models that pages, commands and the JSON API show: immutable, typed, and described in
the OpenAPI. It sits in the engine so that every room (the queries, and forwarding and the network for the rows
they share) can build on it."""

from pydantic import BaseModel, ConfigDict


class ReadModel(BaseModel):
    """A frozen pydantic model; a field named like a Python keyword takes its JSON name as alias (``from``)."""

    model_config = ConfigDict(frozen=True, validate_by_name=True, validate_by_alias=True)
