"""Property-based requests generated from the API's OpenAPI document (schemathesis): no answer is a server error."""

import warnings
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from starlette.routing import Mount

from tests.support.factories import World
from tests.support.web import Clock, settings_for
from web import create_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

pytestmark = pytest.mark.postgres
EXAMPLES = 4  # per operation: about 320 requests per backend over 79 operations (6 each over 45 before)


def _api(world: World) -> Any:
    app = create_app(settings_for(world), database=world.db, clock=Clock(world.now))
    return next(route.app for route in app.routes if isinstance(route, Mount) and route.path == "/api/v1")


def test_requests_generated_from_the_openapi_document_get_no_server_error(web_world: World) -> None:
    world = web_world
    world.recommendation(state="submitted")
    with unit_of_work(world.db) as session:
        headers = {"Authorization": f"Bearer {issue_api_token(session, world.secretariat, 'fuzz', world.now)}"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schema = schemathesis.openapi.from_asgi("/openapi.json", _api(world))
    sent, errors, answered = 0, [], 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def probe(case: Any) -> None:
            nonlocal sent, answered
            sent += 1
            response = case.call(headers=headers)
            answered += response.status_code < 400
            if response.status_code >= 500:
                errors.append(f"{case.method} {case.formatted_path} → {response.status_code}")
            case.validate_response(response, checks=[not_a_server_error])

        try:
            probe()
        except Exception as exc:  # a failed check: collected, then all reported at once
            errors.append(f"{operation.label}: {str(exc)[:300]}")
    print(f"\nschemathesis on {world.db.engine.dialect.name}: {sent} requests, {answered} answered below 400, "
          f"{len(errors)} server errors")
    assert errors == []
    assert answered >= sent // 10, "the token was refused: the requests never reached the operations"
