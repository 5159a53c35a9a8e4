"""The JSON that integrations and scripts read stays exactly as it was: the API's read endpoints and the CLI's
``--json`` output are compared, field by field, with a snapshot taken before the read models became typed."""

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from tests.support.factories import World
from tests.support.meeting_web import procedure_vote
from tests.support.web import CAST, Clock, client_for
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.api_tokens import issue_api_token

SNAPSHOT = Path(__file__).parent / "snapshots" / "read_json.json"
# Set to write the snapshot anew (only when a change of the JSON is intended and said in the commit).
REWRITE = os.environ.get("RECOFLOW_REWRITE_SNAPSHOTS") == "1"
# Some rows of the test world are stamped by the wall clock (with microseconds, unlike the fixed clock): only the
# form of those instants is compared, not the moment.
WALL_CLOCK = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(?P<zone>Z|[+-]\d\d:\d\d)$")


def _steady(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _steady(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_steady(v) for v in value]
    if isinstance(value, str) and (match := WALL_CLOCK.match(value)):
        return f"<wall clock>{match['zone']}"
    return value


def _tokens(world: World) -> dict[str, dict[str, str]]:
    with unit_of_work(world.db) as session:
        return {name: {"Authorization": f"Bearer {issue_api_token(session, getattr(world, name), 'test', world.now)}"}
                for name in CAST}


def _api_json(world: World) -> dict[str, Any]:
    tokens = _tokens(world)
    vote, rec = procedure_vote(world, title="Über die Schnittstelle")
    sek, chair = tokens["secretariat"], tokens["chair"]
    with client_for(world, Clock(world.now)) as api:
        cast = api.post(f"/api/v1/votes/{vote.id}/ballots", headers=tokens["deputy"],
                        json={"choice": "yes", "seat": "MIN-2"})
        assert cast.status_code == 200, cast.text
        paths = {
            "list": "/api/v1/recommendations",
            "detail": f"/api/v1/recommendations/{rec.id}",
            "history": f"/api/v1/recommendations/{rec.id}/history",
            "vote": f"/api/v1/votes/{vote.id}",
            "ballots": f"/api/v1/votes/{vote.id}/ballots",
            "people": "/api/v1/people",
            "person": f"/api/v1/people/{world.lead.id}",
            "organisations": "/api/v1/organisations",
            "organisation": f"/api/v1/organisations/{world.bodies[0].id}",
            "groups": "/api/v1/working-groups",
            "group": f"/api/v1/working-groups/{world.group.id}",
            "roles": "/api/v1/roles",
            "composition": "/api/v1/strategy-group/composition",
        }
        found = {}
        for name, path in paths.items():
            response = api.get(path, headers=chair if name in {"vote", "ballots"} else sek)
            assert response.status_code == 200, (path, response.text)
            found[name] = response.json()
    return found


def _cli_json(world: World, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", world.db.url)
    runner = CliRunner()

    def run(*args: str) -> Any:
        result = runner.invoke(main, ["--now", world.now.isoformat(), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    return {"rec list": run("rec", "list", "--json"),
            "rec show": run("rec", "show", "1", "--as", world.secretariat.email, "--json"),
            "rec show plain": run("rec", "show", "1", "--json"),
            "rec history": run("rec", "history", "1", "--json")}


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_the_api_and_the_cli_print_the_same_json_as_before(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _steady({"api": _api_json(world), "cli": _cli_json(world, monkeypatch)})
    if REWRITE:
        SNAPSHOT.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    for channel, pages in expected.items():
        for name, body in pages.items():
            assert found[channel][name] == body, f"{channel} {name} changed"
    assert found == expected
