"""``recoflow review``: plan, start and conclude the review of a forwarded recommendation, or follow it up."""

import click

from cli.context import AppContext, actor, echo_json, pass_app
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.review import (
    CONCLUSIONS,
    conclude_review,
    follow_up,
    review_agenda,
    set_review_meeting,
    start_review,
)

OUTCOMES = click.Choice([o.value for o in CONCLUSIONS])


def _done(record: object) -> None:
    click.echo(f"{record.event}: {record.from_state} → {record.to_state}.")  # type: ignore[attr-defined]


@click.group()
def review() -> None:
    """The strategy group's review of how forwarded recommendations were implemented."""


@review.command()
@click.argument("ref")
@click.option("--meeting", "meeting_id", type=int, help="The review meeting; default: the first strategy "
              "meeting six months after forwarding.")
@click.option("--as", "as_email", required=True, help="Email of the secretariat member.")
@pass_app
def plan(app: AppContext, ref: str, meeting_id: int | None, as_email: str) -> None:
    """Set (or reset to the default) the meeting that reviews a forwarded recommendation."""
    with unit_of_work(app.database) as session:
        rnd = set_review_meeting(session, ref, meeting_id, actor(session, as_email), app.now())
    click.echo(f"Review round {rnd.number} is planned for meeting {rnd.meeting_id}.")


@review.command()
@click.argument("ref")
@click.option("--meeting", "meeting_id", type=int, help="Another meeting than the planned one.")
@click.option("--comment", default="")
@click.option("--early", is_flag=True, help="Bring the review forward: start it before its meeting's day "
              "(the secretariat only; needs --reason, which the history shows).")
@click.option("--reason", default="", help="Why the review is brought forward (with --early).")
@click.option("--as", "as_email", required=True, help="Email of the secretariat member.")
@pass_app
def start(app: AppContext, ref: str, meeting_id: int | None, comment: str, early: bool, reason: str,
          as_email: str) -> None:
    """Put the recommendation and the reports gathered so far on the review meeting's agenda (from that meeting's
    day on, or earlier with --early --reason)."""
    if reason and not early:
        raise click.UsageError("--reason goes with --early.")
    with unit_of_work(app.database) as session:
        _done(start_review(session, ref, actor(session, as_email), app.now(), meeting_id,
                           reason if early else comment, early=early))


@review.command()
@click.argument("ref")
@click.option("--outcome", required=True, type=OUTCOMES)
@click.option("--note", required=True, help="The reasons for the outcome.")
@click.option("--as", "as_email", required=True, help="Email of the chair or the secretariat.")
@pass_app
def conclude(app: AppContext, ref: str, outcome: str, note: str, as_email: str) -> None:
    """Record the outcome of the review."""
    with unit_of_work(app.database) as session:
        _done(conclude_review(session, ref, outcome, note, actor(session, as_email), app.now()))


@review.command("follow-up")
@click.argument("ref")
@click.option("--note", required=True, help="Why another round of reports is needed.")
@click.option("--meeting", "meeting_id", type=int, help="The next review meeting; default: six months ahead.")
@click.option("--as", "as_email", required=True, help="Email of the chair or the secretariat.")
@pass_app
def follow_up_(app: AppContext, ref: str, note: str, meeting_id: int | None, as_email: str) -> None:
    """Send the recommendation round again: new reports, reviewed at a later meeting."""
    with unit_of_work(app.database) as session:
        _done(follow_up(session, ref, note, actor(session, as_email), app.now(), meeting_id))


@review.command()
@click.argument("meeting_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def agenda(app: AppContext, meeting_id: int, as_json: bool) -> None:
    """The recommendations a meeting reviews, with the reports gathered for each."""
    with app.database.read() as session:
        items = review_agenda(session, meeting_id)
    if as_json:
        echo_json(items)
        return
    if not items:
        click.echo(f"Meeting {meeting_id} reviews no recommendation.")
    for item in items:
        rec = item["recommendation"]
        click.echo(f"{rec['number'] or '#' + str(rec['id'])}: {rec['title']} ({rec['state']}, round {item['round']})")
        for r in item["reports"]:
            click.echo(f"  {r['body']}: {r['status']} ({r['report_date']}) – {r['text'][:70]}")


COMMANDS = [review]
