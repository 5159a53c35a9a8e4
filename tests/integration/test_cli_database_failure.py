"""A database that is not set up or not reachable: one 'Error:' line naming the fix, a non-zero exit, no traceback."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main


@pytest.mark.parametrize(("url", "says"), [
    ("sqlite:///{tmp}/fresh.sqlite", "has no tables yet; run 'recoflow init'."),
    ("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", "cannot be reached"),
])
def test_a_command_before_init_or_without_a_server_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     url: str, says: str) -> None:
    monkeypatch.setenv("RECOFLOW_DATABASE_URL", url.format(tmp=tmp_path))
    result = CliRunner().invoke(main, ["people", "list"])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1
    assert lines[0].startswith("Error: the database at ") and says in lines[0]
    assert "secret" not in result.output and "Traceback" not in result.output
