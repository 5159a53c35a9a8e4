"""``recoflow rec``: list, show, create, edit recommendations and fire their workflow events."""

from pathlib import Path

import click

from cli.context import AppContext, InputRefused, actor, echo_json, pass_app, table
from cli.hints import reason_text
from models.recommendation import RecommendationCreate, RecommendationUpdate
from workflow.engine.clock import require_aware
from workflow.engine.definitions import RECOMMENDATION_WORKFLOW
from workflow.engine.states import RecommendationState
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.directory import find_organisation
from workflow.network.working_groups import find_working_group
from workflow.queries.recommendation_views import (
    recommendation_detail,
    recommendation_history,
    recommendation_summaries,
)
from workflow.recommendations.lifecycle import create_recommendation, edit_recommendation, fire

STATES = click.Choice([s.value for s in RecommendationState])


@click.group()
def rec() -> None:
    """Recommendations (Handlungsempfehlungen)."""


@rec.command("list")
@click.option("--state", type=STATES, help="Only recommendations in this state.")
@click.option("--group", "group_ref", help="Only this working group (id or name).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_(app: AppContext, state: str | None, group_ref: str | None, as_json: bool) -> None:
    """List recommendations, newest first."""
    with app.database.read() as session:
        group_id = find_working_group(session, group_ref).id if group_ref else None
        rows = recommendation_summaries(session, state, group_id)
    if as_json:
        echo_json(rows)
        return
    click.echo(table([[str(r.id), r.number or "–", r.state, r.title[:60], r.working_group or ""]
                      for r in rows], ["id", "number", "state", "title", "working group"]))


@rec.command()
@click.argument("ref")
@click.option("--as", "as_email", help="Also list the events this person may fire now.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def show(app: AppContext, ref: str, as_email: str | None, as_json: bool) -> None:
    """Show one recommendation (by id or number)."""
    with app.database.read() as session:
        viewer = actor(session, as_email) if as_email else None
        data = recommendation_detail(session, ref, viewer, app.now())
    if as_json:
        echo_json(data)
        return
    click.echo(f"{data.number or 'draft #' + str(data.id)}: {data.title}")
    click.echo(f"state: {data.state}   version: {data.version}   revisions: {data.revision_count}")
    click.echo(f"working group: {data.working_group.name}")
    click.echo("addressees: " + (", ".join(a.name or "" for a in data.addressees) or "none yet"))
    click.echo(f"\n{data.text}\n\nRationale: {data.rationale or '(none yet)'}")
    for event in data.possible_events or []:
        status = "ready" if event.ready else "blocked: " + " ".join(reason_text(r) for r in event.blocked_by)
        click.echo(f"  can {event.event} → {'/'.join(event.to)} ({status})")


@rec.command()
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def history(app: AppContext, ref: str, as_json: bool) -> None:
    """Every transition of a recommendation: who, when, from, to, why."""
    with app.database.read() as session:
        rows = recommendation_history(session, ref)
    if as_json:
        echo_json(rows)
        return
    tz = app.settings.tz
    click.echo(table([[r.at.astimezone(tz).strftime("%Y-%m-%d %H:%M"), r.event, f"{r.from_} → {r.to}",
                       r.actor.name if r.actor else "system", r.comment] for r in rows],
                     ["when", "event", "transition", "who", "why"]))


def _text(value: str | None, path: Path | None, name: str) -> str | None:
    if value is not None and path is not None:
        raise InputRefused(f"Give --{name} or --{name}-file, not both.")
    return path.read_text(encoding="utf-8") if path is not None else value


def _addressee_ids(session: object, refs: tuple[str, ...]) -> list[int]:
    return [find_organisation(session, ref).id or 0 for ref in refs]  # type: ignore[arg-type]


@rec.command()
@click.option("--group", "group_ref", required=True, help="Working group (id or name).")
@click.option("--title", required=True)
@click.option("--text", help="The recommendation's text.")
@click.option("--text-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rationale", default="")
@click.option("--addressee", "addressees", multiple=True, help="Proposed addressee (organisation id or name).")
@click.option("--as", "as_email", required=True, help="Email of the person writing it.")
@pass_app
def new(app: AppContext, group_ref: str, title: str, text: str | None, text_file: Path | None, rationale: str,
        addressees: tuple[str, ...], as_email: str) -> None:
    """Start a new draft in a working group."""
    body = _text(text, text_file, "text")
    if body is None:
        raise InputRefused("Give the recommendation's text with --text or --text-file.")
    with unit_of_work(app.database) as session:
        data = RecommendationCreate(title=title, text=body, rationale=rationale,
                                    working_group_id=find_working_group(session, group_ref).id or 0,
                                    addressee_ids=_addressee_ids(session, addressees))
        created = create_recommendation(session, data, actor(session, as_email), app.now())
    click.echo(f"Created draft #{created.id} in state draft.")


@rec.command()
@click.argument("ref")
@click.option("--title")
@click.option("--text")
@click.option("--text-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rationale")
@click.option("--addressee", "addressees", multiple=True, help="Replace the proposed addressees.")
@click.option("--comment", default="", help="What changed and why.")
@click.option("--expect-version", type=int, help="Refuse if the recommendation changed since this version.")
@click.option("--as", "as_email", required=True)
@pass_app
def edit(app: AppContext, ref: str, title: str | None, text: str | None, text_file: Path | None,
         rationale: str | None, addressees: tuple[str, ...], comment: str, expect_version: int | None,
         as_email: str) -> None:
    """Edit a draft; each saved edit of the text is a new numbered revision."""
    with unit_of_work(app.database) as session:
        changes = RecommendationUpdate(title=title, text=_text(text, text_file, "text"), rationale=rationale,
                                       addressee_ids=_addressee_ids(session, addressees) if addressees else None)
        revision = edit_recommendation(session, ref, changes, actor(session, as_email), app.now(), comment,
                                       expect_version)
    click.echo(f"Saved as revision {revision.number}." if revision else "Saved the addressees.")


@rec.command("fire")
@click.argument("ref")
@click.argument("event", type=click.Choice(RECOMMENDATION_WORKFLOW.events))
@click.option("--as", "as_email", required=True, help="Email of the person firing the event.")
@click.option("--comment", default="", help="Why (required to return, withdraw or follow up).")
@click.option("--outcome", help="For close_vote and conclude_review: the result.")
@click.option("--meeting", "meeting_id", type=int, help="The meeting this happens in or for.")
@click.option("--expect-version", type=int, help="Refuse if the recommendation changed since this version.")
@pass_app
def fire_(app: AppContext, ref: str, event: str, as_email: str, comment: str, outcome: str | None,
          meeting_id: int | None, expect_version: int | None) -> None:
    """Fire a workflow event on a recommendation."""
    now = require_aware(app.now())
    with unit_of_work(app.database) as session:
        record = fire(session, ref, event, actor=actor(session, as_email), now=now, comment=comment,
                      outcome=outcome, meeting_id=meeting_id, expected_version=expect_version)
        data = recommendation_detail(session, record.subject_id)
    click.echo(f"{data.number or '#' + str(data.id)}: {record.event} – {record.from_state} → "
               f"{record.to_state} (version {data.version}).")


COMMANDS = [rec]
