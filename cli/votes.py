"""``recoflow vote``: open a vote, cast ballots, see its status, close it."""

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from cli.meetings import parse_time
from models.strategy import Choice, VoteRule
from workflow.engine.unit_of_work import unit_of_work
from workflow.queries.minutes import vote_status
from workflow.strategy_group.votes import cast_ballot, close_due_votes, close_vote, open_vote

AS = click.option("--as", "as_email", required=True, help="Email of the person acting.")


@click.group()
def vote() -> None:
    """Votes of the strategy group on recommendations."""


@vote.command("open")
@click.argument("refs", nargs=-1, required=True)
@click.option("--meeting", "meeting_id", type=int, required=True, help="The meeting or written procedure.")
@click.option("--rule", type=click.Choice([r.value for r in VoteRule]), help="Counting rule (default: the setting).")
@click.option("--deadline", help="Deadline of a written procedure (default: the procedure's).")
@AS
@pass_app
def open_(app: AppContext, refs: tuple[str, ...], meeting_id: int, rule: str | None, deadline: str | None,
          as_email: str) -> None:
    """Open a vote on one recommendation or a block (ids or numbers)."""
    with unit_of_work(app.database) as session:
        opened = open_vote(session, meeting_id, list(refs), actor=actor(session, as_email), now=app.now(),
                           rule=VoteRule(rule) if rule else None, deadline=parse_time(deadline, "deadline", app))
    until = f" until {opened.deadline.astimezone(app.settings.tz):%Y-%m-%d %H:%M}" if opened.deadline else ""
    click.echo(f"Vote {opened.id} is open ({opened.mode}, rule {opened.rule}){until}.")


@vote.command()
@click.argument("vote_id", type=int)
@click.argument("choice", type=click.Choice([c.value for c in Choice]))
@click.option("--seat", "seat_code", help="The seat, for someone who sits for several.")
@AS
@pass_app
def cast(app: AppContext, vote_id: int, choice: str, seat_code: str | None, as_email: str) -> None:
    """Cast or change the ballot of your seat."""
    with unit_of_work(app.database) as session:
        ballot = cast_ballot(session, vote_id, Choice(choice), actor=actor(session, as_email), now=app.now(),
                             seat_code=seat_code)
    click.echo(f"Ballot {'changed' if ballot.changed_at else 'cast'}: {choice}.")


@vote.command()
@click.argument("vote_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def status(app: AppContext, vote_id: int, as_json: bool) -> None:
    """Ballots so far (named), seats still missing, and the result or the provisional count."""
    with app.database.read() as session:
        data = vote_status(session, vote_id)
    if as_json:
        echo_json(data)
        return
    recs = ", ".join(r.number or f"#{r.id}" for r in data.recommendations)
    click.echo(f"Vote {data.id} on {recs}: {data.status} ({data.mode}, rule {data.rule})")
    click.echo(table([[b.seat, b.person or "", str(b.choice)] for b in data.ballots], ["seat", "cast by", "ballot"]))
    click.echo("Not voted: " + (", ".join(data.not_voted) or "–"))
    if data.provisional is not None:
        p = data.provisional
        click.echo(f"So far: {p.yes} yes, {p.no} no, {p.abstain} abstentions – {p.reason}.")
    elif data.tally is not None:
        t = data.tally
        click.echo(f"Result: {data.result} ({t.yes} yes, {t.no} no, {t.abstain} abstentions).")


@vote.command()
@click.argument("vote_id", type=int)
@click.option("--return", "return_", is_flag=True, help="Return the recommendations for revision instead.")
@click.option("--comment", default="", help="Why (required with --return).")
@AS
@pass_app
def close(app: AppContext, vote_id: int, return_: bool, comment: str, as_email: str) -> None:
    """Close a vote: apply its rule and move the recommendations on."""
    with unit_of_work(app.database) as session:
        closed = close_vote(session, vote_id, actor=actor(session, as_email), now=app.now(),
                            return_for_revision=return_, comment=comment)
    click.echo(f"Vote {closed.id} closed: {closed.result} ({closed.yes} yes, {closed.no} no, "
               f"{closed.abstain} abstentions).")


@vote.command("close-due")
@pass_app
def close_due(app: AppContext) -> None:
    """Close every written procedure past its deadline (what the scheduler runs)."""
    with unit_of_work(app.database) as session:
        closed = close_due_votes(session, app.now())
    click.echo(f"Closed {len(closed)} vote(s)" + "".join(f"; {v.id}: {v.result}" for v in closed) + ".")


COMMANDS = [vote]
