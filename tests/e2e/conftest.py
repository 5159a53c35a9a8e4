"""Browser tests: one server started with `recoflow serve` on a free loopback port, Debian's Chromium driven by
Playwright, and axe-core from the npm registry (installed once into var/e2e-node)."""

import fcntl
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bootstrap import all_reactions
from migrations import upgrade_to_head
from models.db import Database
from tests.support.factories import World, build_world
from tests.support.web import PASSWORD, give_passwords, use_cheap_hashing
from workflow.engine.clock import system_now
from workflow.engine.reactions import installed_for

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-gpu"]
AXE_DIR = ROOT / "var" / "e2e-node"
ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class Site:
    """The running server and the people whose passwords the tests know."""

    url: str
    world: World


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# How long a server may take to start: Python's start-up alone took 10 s on a machine loaded four times over.
START_SECONDS = 120


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"recoflow serve exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"recoflow serve did not listen on port {port} within {START_SECONDS} s")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A server on a fresh SQLite file with the test world (relative to the real clock: the server uses it)."""
    use_cheap_hashing()
    path = tmp_path_factory.mktemp("e2e") / "recoflow.db"
    database = Database(f"sqlite:///{path}")
    upgrade_to_head(database)
    with installed_for(all_reactions()):  # the session's world is built before any test's own fixture
        world = build_world(database, system_now())
    give_passwords(world)
    port = _free_port()
    env = {**os.environ, "RECOFLOW_DATABASE_URL": database.url, "RECOFLOW_SECRET_KEY": "e2e-secret-key-" + "x" * 32,
           "RECOFLOW_BASE_URL": f"http://127.0.0.1:{port}"}
    log = (tmp_path_factory.mktemp("e2e-log") / "serve.log").open("wb")
    process = subprocess.Popen([str(Path(sys.executable).parent / "recoflow"), "serve", "--host", "127.0.0.1",
                                "--port", str(port)],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, process)
        yield Site(f"http://127.0.0.1:{port}", world)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        database.dispose()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from the npm registry on first use."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    # Test workers running in parallel install it once: the first holds the lock, the others wait and find it.
    with (AXE_DIR / ".install-lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not script.exists():
            npm = shutil.which("npm")
            if npm is None:
                raise RuntimeError("npm is missing: run 'make test' (it installs Debian's npm) to fetch axe-core")
            subprocess.run([npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "--silent",
                            "axe-core@4"], check=True, timeout=300)
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless (Playwright's own browser downloads are never used)."""
    if not CHROMIUM.exists():
        raise RuntimeError("Chromium is missing: run 'make test' (scripts/system-packages.sh installs 'chromium').")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser: Browser, site: Site) -> Iterator[object]:
    """Open pages in fresh browser contexts (one per person), closed after the test."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(base_url=site.url, locale="de-DE")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page: Page, name: str) -> None:
    """Keep a picture of the step in test-artifacts/ (a test artifact of the run)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page: Page, email: str, tasks_heading: str = "Meine Aufgaben") -> None:
    """Sign in through the German login form and land on the dashboard, in the person's preferred language."""
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name=tasks_heading)).to_be_visible()


# The focused element, described for a failure message: tag, id or name, and the start of its text.
_DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return "body"; }
  const name = el.id ? "#" + el.id : (el.getAttribute("name") ? "[name=" + el.getAttribute("name") + "]" : "");
  const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40);
  return el.tagName.toLowerCase() + name + (text ? " '" + text + "'" : "");
}"""
# Where the target lies from the focused element: 1 after it (Tab), -1 before it (Shift+Tab), 0 it is focused.
_DIRECTION = """target => {
  const el = document.activeElement;
  if (el === target) { return 0; }
  if (!el || el === document.body) { return 1; }
  return el.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? -1 : 1;
}"""


def tab_to(page: Page, target: Locator, max_steps: int = 80) -> None:
    """Move the focus to ``target`` with Tab (or Shift+Tab when it lies above the focus), as a keyboard user does;
    fail with the elements the focus passed if it does not arrive within ``max_steps`` presses."""
    element = target.element_handle()
    direction = page.evaluate(_DIRECTION, element)
    key = "Tab" if direction > 0 else "Shift+Tab"
    passed = []
    for _ in range(max_steps):
        if direction == 0:
            return
        page.keyboard.press(key)
        arrived, focused = page.evaluate(f"el => [document.activeElement === el, ({_DESCRIBE_FOCUS})()]", element)
        passed.append(focused)
        direction = 0 if arrived else direction
    raise AssertionError(f"the keyboard did not reach {target} in {max_steps} presses; focus passed: {passed}")


def arrow_to(page: Page, select: Locator, value: str, max_steps: int = 12) -> None:
    """Choose ``value`` in the focused select (or radio group) with the down arrow, as a keyboard user does."""
    for _ in range(max_steps):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys did not reach the option {value!r} of {select}")


def keyboard_sign_in(page: Page, email: str, tasks_heading: str = "Meine Aufgaben") -> None:
    """Sign in on the login page (the session's first address) with the keyboard only."""
    page.goto("/login")
    tab_to(page, page.get_by_label("E-Mail-Adresse"))
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=tasks_heading)).to_be_visible()


def expect_focus_on_message(page: Page, text: str = "") -> None:
    """After a form, the focus rests on the page's message (``#message`` or inside it), which says ``text``."""
    expect(page.locator("#message")).to_contain_text(text)
    try:
        page.wait_for_function("() => document.activeElement && document.activeElement.closest('#message')",
                               timeout=5000)
    except PlaywrightTimeoutError as exc:
        raise AssertionError(f"the focus is on {page.evaluate(_DESCRIBE_FOCUS)}, not on the message") from exc


def expect_visible_focus(page: Page) -> None:
    """The focused element shows where the focus is: an outline or a box shadow."""
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }""")
    outlined = style["outline"] != "none" and style["width"] not in ("0px", "")
    assert outlined or style["shadow"] != "none", f"{page.evaluate(_DESCRIBE_FOCUS)} shows no focus: {style}"


def deliver_mails(site: Site, folder: Path) -> None:
    """Run the outbox delivery the scheduler runs; without SMTP it writes .eml files under ``folder``/var/mail."""
    env = {**os.environ, "RECOFLOW_DATABASE_URL": site.world.db.url, "RECOFLOW_BASE_URL": site.url}
    subprocess.run([sys.executable, "-m", "cli", "mail", "send"], cwd=folder, env=env, check=True,
                   capture_output=True, timeout=60)


def personal_link(folder: Path, address: str, title: str) -> str:
    """The personal link in the delivered mail to ``address`` about the recommendation ``title`` (other browser
    tests share the server and may have queued mails to the same body)."""
    for path in sorted(folder.rglob("*.eml")):
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        body = message.get_body(preferencelist=("plain",))
        if address not in str(message["To"]) or body is None or title not in body.get_content():
            continue
        match = re.search(r"https?://\S+/stelle/[A-Za-z0-9_\-]+", body.get_content())
        if match:
            return match.group(0)
    raise AssertionError(f"no mail with a personal link to {address} in {folder}")


def serious_violations(page: Page, axe_source: str) -> list[str]:
    """What axe-core finds serious or critical on the page, one line each."""
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}×)" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


@dataclass
class EmptySite:
    """A server on a database that `recoflow init` has just created: no person, no organisation, no demo."""

    url: str
    workdir: Path
    env: dict[str, str]

    def recoflow(self, *args: str) -> str:
        """Run a `recoflow` command on this site's database, as its administrator would on the server."""
        done = subprocess.run([str(Path(sys.executable).parent / "recoflow"), *args], cwd=self.workdir, env=self.env,
                              check=True, capture_output=True, text=True, timeout=60)
        return done.stdout


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmptySite]:
    """`recoflow init` and `recoflow serve` as a new office runs them, in a directory of their own (var/, mails as
    files): the first-run page is open because the browser comes from loopback."""
    workdir = tmp_path_factory.mktemp("e2e-empty")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    database_url = f"sqlite:///{workdir}/var/recoflow.db"
    env = {**os.environ, "RECOFLOW_DATABASE_URL": database_url, "RECOFLOW_SECRET_KEY": "e2e-empty-key-" + "x" * 32,
           "RECOFLOW_BASE_URL": url, "RECOFLOW_SMTP_HOST": "", "RECOFLOW_NETWORK_NAME": ""}
    site = EmptySite(url, workdir, env)
    site.recoflow("init")
    log = (workdir / "serve.log").open("wb")
    process = subprocess.Popen([str(Path(sys.executable).parent / "recoflow"), "serve", "--host", "127.0.0.1",
                                "--port", str(port)], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, process)
        yield site
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def empty_site_page(browser: Browser, empty_site: EmptySite) -> Iterator[Page]:
    """One German browser context on the empty site, closed after the test."""
    context = browser.new_context(base_url=empty_site.url, locale="de-DE")
    yield context.new_page()
    context.close()
