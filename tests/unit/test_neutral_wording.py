"""Nothing outside the demo data names a particular network: a new office's pages, mails and defaults are its own."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("Baden-Württemberg", "Netzwerk Integration")
SEARCHED = ("web", "workflow", "notifications", "cli", "models")
# The demo's data, and the default seats of the strategy group (the 12 = 4 × 3 of the Baden-Württemberg network
# is the default composition by decision of the issue; its seat labels are data, owned by the composition).
ALLOWED = {"demo/data.py", "demo/forwarding.py", "demo/strategy.py",
           "demo/profile.py", "demo/calendar.py", "workflow/network/composition.py",
           "notifications/compose/samples.py"}


def test_no_template_or_non_demo_module_names_the_baden_wuerttemberg_network() -> None:
    found = []
    for folder in SEARCHED:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in (".py", ".html", ".txt", ".po") or path.relative_to(ROOT).as_posix() in ALLOWED:
                continue
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(ROOT)}: {name}" for name in NAMES if name in text]
    for path in (ROOT / "config.py", ROOT / "scheduler.py"):
        found += [f"{path.name}: {name}" for name in NAMES if name in path.read_text(encoding="utf-8")]
    assert found == []
