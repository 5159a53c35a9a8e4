"""Services never commit: only the unit of work does (the entry points open it)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("workflow", "notifications", "demo")
UNIT_OF_WORK = ROOT / "workflow" / "engine" / "unit_of_work.py"


def _commit_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("commit", "rollback")]


def test_no_module_of_the_domain_notifications_or_demo_commits_or_rolls_back() -> None:
    found = {str(path.relative_to(ROOT)): lines for room in ROOMS for path in sorted((ROOT / room).rglob("*.py"))
             if path != UNIT_OF_WORK and (lines := _commit_calls(path))}
    assert found == {}


def test_the_unit_of_work_is_where_commits_happen() -> None:
    assert _commit_calls(UNIT_OF_WORK)
