"""The transition tables carry what the pages need: every state and event has its words in German and English,
what a form asks for agrees with the guards, a new rule renders without any other table to update, and no
template compares a state value."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from models.enums import Role
from web.i18n import Translator, read_catalog
from web.routes.pages import event_forms
from web.templating import environment
from web.wording import labels
from web.wording.guard_labels import REASONS
from workflow.engine.definitions import (
    RECOMMENDATION_RULES,
    RECOMMENDATION_STATES,
    RECOMMENDATION_WORKFLOW,
    WORKFLOWS,
)
from workflow.engine.diagram import SERVICE_ONLY, mermaid
from workflow.engine.guards import comment_given, meeting_ahead
from workflow.engine.machine import WorkflowDefinition
from workflow.engine.rules import Ask, rule
from workflow.engine.states import RecommendationState as R
from workflow.forwarding.reports import REPORTING_STATES
from workflow.queries.recommendation_views import PossibleEvent

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
ALL = sorted(WORKFLOWS)


def _words(workflow: WorkflowDefinition) -> list[str]:
    return ([workflow.state_label(s.value) for s in workflow.states]
            + [workflow.event_label(e) for e in workflow.events])


@pytest.mark.parametrize("name", ALL)
def test_every_state_and_event_has_an_english_and_a_german_label(name: str) -> None:
    workflow = WORKFLOWS[name]
    german = read_catalog("de")
    for word in _words(workflow):
        assert word and Translator("en").gettext(word) == word
        entry = german.get(word)
        assert entry is not None and entry.string, f"{name}: no German text for {word!r} in web/locale/de"
    assert german.get(SERVICE_ONLY) is not None and german.get(SERVICE_ONLY).string


@pytest.mark.parametrize("name", ALL)
def test_the_labels_of_a_workflow_name_each_state_and_each_event_once(name: str) -> None:
    workflow = WORKFLOWS[name]
    states = [workflow.state_label(s.value) for s in workflow.states]
    events = [workflow.event_label(e) for e in workflow.events]
    assert len(set(states)) == len(states) and len(set(events)) == len(events)


@pytest.mark.parametrize("name", ALL)
def test_every_reason_a_guard_declares_is_worded_for_the_pages(name: str) -> None:
    codes = {code for r in WORKFLOWS[name].rules for code in r.reasons}
    assert codes <= set(REASONS)


@pytest.mark.parametrize("name", ALL)
def test_what_a_form_asks_for_agrees_with_the_guards_and_the_outcomes(name: str) -> None:
    for r in WORKFLOWS[name].rules:
        assert (Ask.COMMENT in r.asks) == (comment_given in r.guards), r.event
        if meeting_ahead in r.guards:
            assert Ask.MEETING in r.asks, r.event
        assert (Ask.OUTCOME in r.asks) == (r.outcome is not None), r.event


@pytest.mark.parametrize("name", ALL)
def test_a_rule_into_a_final_state_asks_for_confirmation(name: str) -> None:
    workflow = WORKFLOWS[name]
    for r in workflow.rules:
        if r.dest in workflow.final:
            assert r.irreversible, f"{r.event} leads to the final state {r.dest}"
        assert workflow.state(r.dest).final == (r.dest in workflow.final)


def test_the_events_named_in_the_issue_are_irreversible_and_forwarding_is_service_only() -> None:
    wf = RECOMMENDATION_WORKFLOW
    for event in ("withdraw", "forward", "close_vote", "conclude_review"):
        assert wf.facts(event).irreversible, event
    assert WORKFLOWS["working_group"].facts("conclude").irreversible
    assert wf.service_only_events == {"forward"}
    assert {e for e in wf.events if wf.facts(e).own_form} == {"forward", "start_review", "conclude_review",
                                                                "follow_up"}


def _sources(event: str) -> set[str]:
    return {s for r in RECOMMENDATION_WORKFLOW.rules if r.event == event for s in r.sources}


def test_the_facts_of_the_states_agree_with_the_rules() -> None:
    wf = RECOMMENDATION_WORKFLOW
    states = [s.value for s in R]
    assert {s for s in states if wf.state(s).movable} == _sources("reschedule")
    assert {s for s in states if wf.state(s).awaiting_forwarding} == _sources("forward")
    assert {s for s in states if wf.state(s).review_plannable} == _sources("start_review")
    assert {s for s in states if wf.state(s).reports_open} == {s.value for s in REPORTING_STATES}
    assert {s for s in states if wf.state(s).editable} == {R.DRAFT.value}


def test_rows_of_one_event_that_disagree_on_what_the_pages_need_are_refused() -> None:
    lead = {Role.WG_LEAD}
    with pytest.raises(ValueError, match="differ"):
        WorkflowDefinition("broken", "x", R, R.DRAFT,
                           [rule("go", R.DRAFT, R.SUBMITTED, lead, label="Go"),
                            rule("go", R.SUBMITTED, R.DRAFT, lead, label="Go back")],
                           model=object, scope=lambda s: None, label=str)


def _with_new_rule() -> WorkflowDefinition:
    archive = rule("archive", R.DRAFT, R.WITHDRAWN, {Role.WG_LEAD}, comment_given, label="Archive the draft",
                   asks={Ask.COMMENT}, irreversible=True)
    return WorkflowDefinition(
        "recommendation_copy", "recommendation", R, R.DRAFT, (*RECOMMENDATION_RULES, archive),
        model=object, scope=lambda s: None, label=str, final=[R.WITHDRAWN], state_facts=RECOMMENDATION_STATES)


def _render_event_section(forms: list[dict[str, object]]) -> str:
    translate = Translator("en")
    return environment.get_template("recommendation_events.html").render(
        _=translate.gettext, csrf_field="csrf", csrf_token="token", labels=labels,
        reasons=lambda items: " ".join(items), when=lambda value, day_only=False: str(value),
        rec={"id": 7, "version": 3}, forms=forms)


def test_a_new_rule_is_offered_on_the_recommendation_page_from_its_own_declaration() -> None:
    workflow = _with_new_rule()
    possible = [PossibleEvent(event=event, to=[to], ready=True, blocked_by=[], description="",
                              label=workflow.event_label(event), asks=[], irreversible=False)
                for event, to in (("archive", "withdrawn"), ("forward", "forwarded"))]
    forms = event_forms(None, "draft", possible, datetime(2026, 5, 4, tzinfo=UTC), workflow)  # type: ignore[arg-type]
    html = _render_event_section(forms)
    assert [f["event"] for f in forms] == ["archive"]  # forwarding keeps its own form
    assert 'action="/recommendations/7/events/archive"' in html and "Archive the draft" in html
    assert 'name="comment" required' in html
    assert 'name="confirmed" value="yes" required' in html


def test_the_diagram_names_a_new_rule_and_marks_a_service_only_event() -> None:
    text = mermaid(_with_new_rule())
    assert "archive [wg_lead]" in text.split("draft --> withdrawn: ")[1].splitlines()[0]
    assert f"forward [secretariat] ({SERVICE_ONLY})" in text
    german = mermaid(RECOMMENDATION_WORKFLOW, Translator("de").gettext)
    assert "Einreichen" in german and "nur über das eigene Formular" in german


def _state_values() -> set[str]:
    return {s.value for wf in WORKFLOWS.values() for s in wf.states}


# A state value in quotes next to a comparison: ``x == "draft"``, ``"draft" != x``, ``x in ("a", "draft")``.
_QUOTED = r"""["'](?:{values})["']""".format(values="|".join(sorted(_state_values(), key=len, reverse=True)))
COMPARISON = re.compile(rf"(==|!=)\s*{_QUOTED}|{_QUOTED}\s*(==|!=|in\b)|\bin\s*[(\[][^)\]]*{_QUOTED}")


def test_no_template_compares_a_state_value() -> None:
    found = [f"{path.name}:{number}: {line.strip()}"
             for path in sorted(TEMPLATES.glob("*.html"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if COMPARISON.search(line)]
    assert found == []


def test_the_scan_for_state_comparisons_finds_the_ones_it_forbids() -> None:
    for line in ('{% if rec.state == "adopted" %}', "{% if rec.state in ('forwarded', 'under_review') %}",
                 '{% if item.state != "scheduled" %}', '{% if "concluded" == group.state %}'):
        assert COMPARISON.search(line), line
    assert not COMPARISON.search('{{ _("forwarded") }} {{ when(row.forwarded_at) }}')
