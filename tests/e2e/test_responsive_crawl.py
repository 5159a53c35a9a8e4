"""Every page every demo role reaches, in the browser at 390 px (a phone) and 1,280 px (an office screen): no
horizontal scrolling, no answer but 200, no serious or critical axe-core violation. Beside the crawl, the pages a
new user meets first are kept as screenshots in var/screenshots/ at both widths."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import col, select

from demo.data import SECRETARIAT_EMAIL
from models.db import Database
from models.meeting import Meeting
from models.recommendation import Recommendation
from models.strategy import Vote
from tests.e2e.conftest import ROOT, _free_port, _wait_for, serious_violations
from tests.support.crawl import Crawl, Finding, url_pattern
from tests.web.test_german_crawl import ROLES, _body_link, _one_of_each_kind
from workflow.engine.clock import system_now
from workflow.network.accounts import DEMO_PASSWORD

WIDTHS = (390, 1280)
HEIGHT = 800
SCREENSHOTS = ROOT / "var" / "screenshots"
# Pages no link leads to (forms behind buttons, pages reached from mails); every one answers 200 for its role.
UNLINKED = ("/recommendations/new", "/procedures/new", "/people/new", "/organisations/new", "/network/profile",
            "/network/legal/imprint", "/network/roles", "/strategy-group", "/topics", "/import", "/outbox",
            "/reminders", "/ballots", "/meetings", "/forwardings", "/workflow")
PUBLIC = ("/", "/login", "/impressum", "/datenschutz", "/barrierefreiheit")
# A page of the same kind as one seen already is visited again this often (ids and states differ, the template
# does not): enough to meet a second layout of a table or a form without walking every recommendation.
PER_PATTERN = 2


@dataclass
class DemoSite:
    """`recoflow serve` on the demo data, as `recoflow demo` loads it, on the real clock."""

    url: str
    database: Database


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    workdir = tmp_path_factory.mktemp("e2e-demo")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    database_url = f"sqlite:///{workdir}/recoflow.db"
    env = {**os.environ, "RECOFLOW_DATABASE_URL": database_url, "RECOFLOW_SECRET_KEY": "e2e-demo-key-" + "x" * 32,
           "RECOFLOW_BASE_URL": url, "RECOFLOW_SMTP_HOST": ""}
    recoflow = str(Path(sys.executable).parent / "recoflow")
    subprocess.run([recoflow, "demo", "--load-only"], cwd=workdir, env=env, check=True, capture_output=True,
                   timeout=300)
    log = (workdir / "serve.log").open("wb")
    process = subprocess.Popen([recoflow, "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=workdir,
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    database = Database(database_url)
    try:
        _wait_for(port, process)
        yield DemoSite(url, database)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        database.dispose()


def _context(browser: Browser, site: DemoSite, email: str | None) -> BrowserContext:
    """A German browser context, signed in as ``email`` through the login form (anonymous for None)."""
    context = browser.new_context(base_url=site.url, locale="de-DE", viewport={"width": WIDTHS[0], "height": HEIGHT})
    if email is not None:
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("E-Mail-Adresse").fill(email)
        page.get_by_label("Passwort").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url("**/tasks")
        page.close()
    return context


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@dataclass
class BrowserCrawl:
    """One role's walk in one browser page: each page measured at every width, findings collected.

    axe-core runs once per kind of page and width over all roles (``checked`` is shared): the roles see the same
    templates, and axe is what makes a crawl slow. Overflow and status are checked on every page of every role."""

    role: str
    page: Page
    axe_source: str
    checked: set[tuple[str, int]]
    # Pages no link leads to and pages of each state, tried for every role: one the role may not open (403) is not
    # reachable for it. A page reached by a link must answer 200.
    unlinked: frozenset[str] = frozenset()
    findings: list[Finding] = field(default_factory=list)

    def fetch(self, url: str) -> httpx.Response:
        self.page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        response = self.page.goto(url)
        status = response.status if response else 0
        content_type = (response.headers.get("content-type", "") if response else "")
        if status == 403 and url in self.unlinked:
            return httpx.Response(status, headers={"content-type": "text/plain"})
        if status != 200:
            self.findings.append(Finding(self.role, url, "status", str(status)))
        if "text/html" in content_type:
            for width in WIDTHS:
                self.page.set_viewport_size({"width": width, "height": HEIGHT})
                wider = overflow(self.page)
                if wider > 0:
                    self.findings.append(Finding(self.role, url, f"{width} px", f"{wider} px too wide"))
                if (url_pattern(url), width) not in self.checked:
                    self.checked.add((url_pattern(url), width))
                    self.findings.extend(Finding(self.role, url, f"axe at {width} px", problem)
                                         for problem in serious_violations(self.page, self.axe_source))
        return httpx.Response(status, headers={"content-type": content_type},
                              text=self.page.content() if "text/html" in content_type else "")


def _crawl(browser: Browser, site: DemoSite, axe_source: str, checked: set[tuple[str, int]], role: str,
           email: str | None, starts: tuple[str, ...], kinds: list[str]) -> tuple[Crawl, BrowserCrawl]:
    context = _context(browser, site, email)
    try:
        walker = BrowserCrawl(role, context.new_page(), axe_source, checked, frozenset((*UNLINKED, *kinds)))
        crawl = Crawl(role, walker.fetch, lambda *_: [], max_pages=150)
        crawl.run(starts, _second_of_each_pattern(kinds))
    finally:
        context.close()
    return crawl, walker


def _second_of_each_pattern(kinds: list[str]) -> list[str]:
    """Of the pages shown although their pattern was seen, at most PER_PATTERN per pattern."""
    kept: dict[str, list[str]] = {}
    for url in kinds:
        same = kept.setdefault(url_pattern(url), [])
        if len(same) < PER_PATTERN:
            same.append(url)
    return [url for urls in kept.values() for url in urls]


def test_every_page_of_every_demo_role_fits_390_and_1280_pixels(browser: Browser, demo_site: DemoSite,
                                                                  axe_source: str) -> None:
    started = time.monotonic()
    checked: set[tuple[str, int]] = set()
    results = []
    for role, email in ROLES.items():
        kinds = _one_of_each_kind(demo_site.database, mails=email == SECRETARIAT_EMAIL)
        results.append(_crawl(browser, demo_site, axe_source, checked, role, email, ("/tasks", *PUBLIC, *UNLINKED),
                              kinds))
    link = _body_link(demo_site.database, system_now())
    results.append(_crawl(browser, demo_site, axe_source, checked, "responsible body (personal link)", None, (link,),
                          []))
    results.append(_crawl(browser, demo_site, axe_source, checked, "public", None, PUBLIC, []))
    seconds = time.monotonic() - started
    findings = [finding for _, walker in results for finding in walker.findings]
    counts = ", ".join(f"{crawl.role}: {len(crawl.pages)}" for crawl, _ in results)
    total = sum(len(crawl.pages) for crawl, _ in results)
    print(f"\nresponsive crawl: {total} pages at {len(WIDTHS)} widths, axe-core on {len(checked)} page kinds × widths, "
          f"in {seconds:.0f} s ({counts})")
    assert all(len(crawl.pages) >= 3 for crawl, _ in results), counts
    assert not findings, f"{len(findings)} findings ({counts}):\n" + "\n".join(map(str, findings))


def _first(site: DemoSite, query: object) -> int:
    with site.database.read() as session:
        row = session.exec(query).first()  # type: ignore[call-overload]
    assert row is not None
    return int(row)


def test_the_pages_a_new_user_meets_first_are_kept_as_screenshots(browser: Browser, demo_site: DemoSite) -> None:
    recommendation = _first(demo_site, select(Recommendation.id).where(col(Recommendation.state) == "forwarded")
                            .order_by(col(Recommendation.id)))
    meeting = _first(demo_site, select(Meeting.id).where(col(Meeting.status) == "planned").order_by(col(Meeting.id)))
    vote = _first(demo_site, select(Vote.id).order_by((col(Vote.status) == "open").desc(), col(Vote.id)))
    shots = {"dashboard": (SECRETARIAT_EMAIL, "/tasks"),
             "recommendation": (SECRETARIAT_EMAIL, f"/recommendations/{recommendation}"),
             "meeting": (SECRETARIAT_EMAIL, f"/meetings/{meeting}"),
             "vote": (ROLES["chair"], f"/votes/{vote}"),
             "body-page": (None, _body_link(demo_site.database, system_now())),
             "public": (None, "/")}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for name, (email, url) in shots.items():
        context = _context(browser, demo_site, email)
        try:
            page = context.new_page()
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                response = page.goto(url)
                assert response is not None and response.status == 200, (name, url)
                path = SCREENSHOTS / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                saved.append(path)
        finally:
            context.close()
    print("\nscreenshots: " + ", ".join(str(p.relative_to(ROOT)) for p in saved))
    assert all(p.stat().st_size > 0 for p in saved)


def test_the_menu_collapses_on_a_phone_and_opens_with_the_keyboard(browser: Browser, demo_site: DemoSite) -> None:
    context = _context(browser, demo_site, SECRETARIAT_EMAIL)
    try:
        page = context.new_page()
        page.goto("/tasks")
        navigation = page.get_by_role("navigation", name="Hauptnavigation")
        expect(navigation.get_by_role("link", name="Empfehlungen")).to_be_hidden()
        page.get_by_text("Menü", exact=True).focus()
        page.keyboard.press("Enter")
        expect(navigation.get_by_role("link", name="Empfehlungen")).to_be_visible()
        page.keyboard.press("Tab")
        expect(navigation.get_by_role("link", name="Meine Aufgaben")).to_be_focused()

        page.set_viewport_size({"width": 1280, "height": HEIGHT})
        page.reload()
        expect(page.get_by_text("Menü", exact=True)).to_be_hidden()
        expect(navigation.get_by_role("link", name="Empfehlungen")).to_be_visible()
        assert page.evaluate("document.querySelector('.site-header').offsetHeight") < 200
    finally:
        context.close()


def test_a_table_on_a_phone_stacks_its_rows_and_names_each_cell_by_its_column(browser: Browser,
                                                                             demo_site: DemoSite) -> None:
    context = _context(browser, demo_site, SECRETARIAT_EMAIL)
    try:
        page = context.new_page()
        page.goto("/recommendations")
        table = page.get_by_role("table").first
        expect(table).to_be_visible()  # still a table for screen readers
        first_cell = table.get_by_role("cell").first
        label = first_cell.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label == '"Nummer: "'
        box = table.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390
        assert overflow(page) == 0
    finally:
        context.close()


def test_after_a_form_the_focus_is_on_the_message(browser: Browser, demo_site: DemoSite) -> None:
    context = _context(browser, demo_site, None)
    try:
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("E-Mail-Adresse").fill(SECRETARIAT_EMAIL)
        page.get_by_label("Passwort").fill("falsch-" + DEMO_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_role("alert")).to_be_focused()
        expect(page.get_by_role("alert")).to_contain_text("Passwort")

        page.get_by_label("Passwort").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url("**/tasks")
        page.get_by_role("button", name="Abmelden").click()
        expect(page.get_by_role("status")).to_have_text("Sie sind abgemeldet.")
        expect(page.get_by_role("status")).to_be_focused()
    finally:
        context.close()


def test_a_printed_recommendation_shows_its_content_without_navigation_or_forms(browser: Browser,
                                                                               demo_site: DemoSite) -> None:
    recommendation = _first(demo_site, select(Recommendation.id).where(col(Recommendation.state) == "forwarded")
                            .order_by(col(Recommendation.id)))
    context = _context(browser, demo_site, SECRETARIAT_EMAIL)
    try:
        page = context.new_page()
        page.goto(f"/recommendations/{recommendation}")
        page.emulate_media(media="print")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_hidden()
        hidden = "all => all.length > 0 && all.every(e => !e.checkVisibility())"
        assert page.locator("form, button").evaluate_all(hidden)
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
        main_width = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
        assert main_width >= page.evaluate("document.body.getBoundingClientRect().width") - 1
    finally:
        context.close()
