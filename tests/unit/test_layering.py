"""The layering contract holds: the rooms import downwards only, and no import hides inside a function to dodge a
cycle (the few that must stay say why on their own line)."""

import ast
import os
from pathlib import Path

import pytest
from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("workflow", "models", "notifications", "web", "cli", "demo")
TOP_LEVEL = ("config", "scheduler", "bootstrap")
PROJECT = {*PACKAGES, *TOP_LEVEL, "migrations"}


def _sources() -> list[Path]:
    files = [path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))]
    return [*files, *(ROOT / f"{name}.py" for name in TOP_LEVEL)]


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return ["." if node.level else (node.module or "")]
    return [alias.name for alias in node.names]


def _project_imports(tree: ast.Module) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Each import of a project module, and whether it stands at the module's top level."""
    top = {id(node) for node in tree.body}
    return [(node, id(node) in top) for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
            and any(name == "." or name.split(".")[0] in PROJECT for name in _imported(node))]


def test_the_layering_contract_holds(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert status == EXIT_STATUS_SUCCESS, capsys.readouterr().out


@pytest.mark.parametrize(("module", "allowed"), [
    ("config", set()),
    ("bootstrap", {"workflow", "notifications"}),
    ("scheduler", {"bootstrap", "config", "models", "notifications", "workflow"}),
])
def test_the_top_level_modules_import_only_what_lies_below_them(module: str, allowed: set[str]) -> None:
    # import-linter cannot scan single-file modules, so what they import themselves is checked here.
    tree = ast.parse((ROOT / f"{module}.py").read_text())
    found = {name.split(".")[0] for node, _top in _project_imports(tree) for name in _imported(node)}
    assert found <= allowed, f"{module}.py imports {sorted(found - allowed)}"


def test_no_function_level_import_of_a_project_module_without_a_reason() -> None:
    hidden = []
    for path in _sources():
        lines = path.read_text().splitlines()
        for node, at_top in _project_imports(ast.parse("\n".join(lines))):
            said = any("# why:" in lines[n - 1] for n in range(node.lineno, (node.end_lineno or node.lineno) + 1))
            if not at_top and not said:
                hidden.append(f"{os.path.relpath(path, ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    assert hidden == [], "imports inside a function or block, without a '# why:' comment:\n" + "\n".join(hidden)
