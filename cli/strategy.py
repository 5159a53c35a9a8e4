"""``recoflow strategy``, ``groups`` and ``topics``: composition, working groups and topics by decision."""

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from sqlmodel import col, select

from cli.context import AppContext, InputRefused, actor, echo_json, pass_app, table
from cli.group_members import MEMBER_COMMANDS
from models.enums import Role
from models.groups import Topic, WorkingGroup, WorkingGroupCreate
from workflow.engine.clock import local_date
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.composition import composition_of, set_composition
from workflow.network.topics_and_goals import add_goal, add_topic, conclude_group, convene_group, find_topic, goals_of
from workflow.network.working_groups import fire_group_event
from workflow.strategy_group.seats import appoint, composition_report, end_term

AS = click.option("--as", "as_email", required=True, help="Email of the person acting.")
JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
MEETING = click.option("--meeting", "meeting_id", type=int, required=True,
                       help="The meeting or written procedure that decided it.")


@click.group()
def strategy() -> None:
    """The strategy group's seats and who holds them."""


@strategy.command()
@JSON
@pass_app
def show(app: AppContext, as_json: bool) -> None:
    """Every seat with its holder and deputies today."""
    with app.database.read() as session:
        report = composition_report(session, local_date(app.now()))
    if as_json:
        echo_json({"day": report.day, "seats": report.seats, "vacancies": report.vacancies,
                   "breaches": report.breaches, "notices": report.notices})
        return
    click.echo(table([[s["code"], s["label"], ", ".join(s["holders"]) or "(vacant)", ", ".join(s["deputies"])]
                      for s in report.seats], ["seat", "stands for", "holder", "deputies"]))


@strategy.command()
@pass_app
def check(app: AppContext) -> None:
    """Vacancies and every breach of the composition rule; exits non-zero on breaches."""
    with app.database.read() as session:
        report = composition_report(session, local_date(app.now()))
    for line in report.vacancies:
        click.echo(f"Vacancy: {line}")
    for line in report.breaches:
        click.echo(f"Breach: {line}")
    for line in report.notices:
        click.echo(f"Note: {line}")
    if report.breaches:
        click.echo(f"The composition breaks the rule in {len(report.breaches)} point(s).", err=True)
        sys.exit(1)
    click.echo("The composition follows the rule" + (" (with vacancies)." if report.vacancies else "."))


@strategy.command("appoint")
@click.argument("seat_code")
@click.argument("email")
@click.option("--deputy", is_flag=True, help="As deputy rather than holder.")
@click.option("--from", "starts_on", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--until", "ends_on", type=click.DateTime(["%Y-%m-%d"]))
@click.option("--comment", default="", help="Why (goes into the record).")
@AS
@pass_app
def appoint_(app: AppContext, seat_code: str, email: str, deputy: bool, starts_on: datetime,
             ends_on: datetime | None, comment: str, as_email: str) -> None:
    """Give a person a seat (or make them its deputy) for a term."""
    with unit_of_work(app.database) as session:
        appoint(session, seat_code, actor(session, email), Role.DEPUTY if deputy else Role.STRATEGY_MEMBER,
                starts_on.date(), actor=actor(session, as_email), now=app.now(),
                ends_on=ends_on.date() if ends_on is not None else None, comment=comment)
    click.echo(f"{email} appointed to seat {seat_code.upper()}{' as deputy' if deputy else ''}.")


@strategy.command("end-term")
@click.argument("seat_code")
@click.argument("email")
@click.option("--on", "ends_on", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--comment", default="", help="Why (goes into the record).")
@AS
@pass_app
def end_term_(app: AppContext, seat_code: str, email: str, ends_on: datetime, comment: str, as_email: str) -> None:
    """End a person's term in a seat."""
    with unit_of_work(app.database) as session:
        end_term(session, seat_code, actor(session, email), ends_on.date(), actor=actor(session, as_email),
                 now=app.now(), comment=comment)
    click.echo(f"The term of {email} in seat {seat_code.upper()} ends on {ends_on:%Y-%m-%d}.")


@click.group()
def groups() -> None:
    """Working groups: convened and concluded by the strategy group, with their lead and members."""


@strategy.group()
def composition() -> None:
    """The strategy group's composition: its seat categories and seats (the network's setting)."""


@composition.command("show")
@JSON
@pass_app
def composition_show(app: AppContext, as_json: bool) -> None:
    """The configured categories and seats (the default of 12 = 4 × 3 seats unless set)."""
    with app.database.read() as session:
        current = composition_of(session)
    if as_json:
        echo_json(current.as_json())
        return
    click.echo(f"{len(current.seat_codes)} seats in {len(current.categories)} categories"
               + (" (the default)." if current.is_default else "."))
    click.echo(table([[c.code, c.label, s.code, s.label, s.stands_for] for c, s in current.seats],
                     ["category", "label", "seat", "stands for", "kind"]))


@composition.command("set")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--comment", default="", help="Why (goes into the record).")
@AS
@pass_app
def composition_set(app: AppContext, file: Path, comment: str, as_email: str) -> None:
    """Set the composition from a JSON file: a list of categories, each {code, label, seats: [{code, label,
    stands_for}]}."""
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputRefused(f"{file.name} is not a JSON file: {exc}.") from None
    with unit_of_work(app.database) as session:
        result = set_composition(session, data, actor=actor(session, as_email), now=app.now(), comment=comment)
    click.echo(f"The composition has {len(result.seat_codes)} seats in {len(result.categories)} categories.")


@groups.command("list")
@JSON
@pass_app
def list_groups(app: AppContext, as_json: bool) -> None:
    """All working groups with their state."""
    from sqlmodel import col, select

    with app.database.read() as session:
        rows = [{"id": g.id, "name": g.name, "state": g.state, "topic_id": g.topic_id, "mandate": g.mandate,
                 "planned_member_count": g.planned_member_count, "planned_end": g.planned_end}
                for g in session.exec(select(WorkingGroup).order_by(col(WorkingGroup.id))).all()]
    if as_json:
        echo_json(rows)
        return
    click.echo(table([[str(r["id"]), str(r["state"]), str(r["name"])] for r in rows], ["id", "state", "name"]))


@groups.command()
@click.option("--name", required=True)
@click.option("--mandate", required=True)
@click.option("--members", "planned_member_count", type=int, required=True, help="Planned number of members.")
@click.option("--until", "planned_end", type=click.DateTime(["%Y-%m-%d"]), help="Planned end.")
@click.option("--topic", "topic_ref", help="Topic (id or title).")
@click.option("--lead", "lead_email", help="Email of the group's lead.")
@click.option("--deputy-lead", "deputy_email", help="Email of the group's deputy lead.")
@click.option("--member", "member_emails", multiple=True, help="Email of a member (repeat for each).")
@MEETING
@AS
@pass_app
def convene(app: AppContext, name: str, mandate: str, planned_member_count: int, planned_end: datetime | None,
            topic_ref: str | None, lead_email: str | None, deputy_email: str | None, member_emails: tuple[str, ...],
            meeting_id: int, as_email: str) -> None:
    """Convene a working group by a strategy-group decision, naming its lead, deputy lead and members."""
    with unit_of_work(app.database) as session:
        topic_id = find_topic(session, topic_ref).id if topic_ref else None
        data = WorkingGroupCreate(name=name, mandate=mandate, planned_member_count=planned_member_count,
                                  topic_id=topic_id, planned_end=planned_end.date() if planned_end else None)
        group = convene_group(session, data, meeting_id=meeting_id, actor=actor(session, as_email), now=app.now(),
                              lead_id=actor(session, lead_email).id if lead_email else None,
                              deputy_lead_id=actor(session, deputy_email).id if deputy_email else None,
                              member_ids=[actor(session, e).id or 0 for e in member_emails])
    click.echo(f"Working group {group.id} '{group.name}' convened.")


@groups.command()
@click.argument("ref")
@AS
@pass_app
def activate(app: AppContext, ref: str, as_email: str) -> None:
    """The group has its lead and members and starts work."""
    with unit_of_work(app.database) as session:
        fire_group_event(session, ref, "activate", actor=actor(session, as_email), now=app.now())
    click.echo(f"Working group '{ref}' is active.")


@groups.command()
@click.argument("ref")
@click.option("--comment", required=True, help="Why (e.g. mandate fulfilled).")
@MEETING
@AS
@pass_app
def conclude(app: AppContext, ref: str, comment: str, meeting_id: int, as_email: str) -> None:
    """Conclude a working group by a strategy-group decision."""
    with unit_of_work(app.database) as session:
        group = conclude_group(session, ref, meeting_id=meeting_id, comment=comment,
                               actor=actor(session, as_email), now=app.now())
    click.echo(f"Working group '{group.name}' concluded.")


@click.group()
def topics() -> None:
    """Topics (Themenschwerpunkte) and strategic goals."""


@topics.command("list")
@JSON
@pass_app
def list_topics(app: AppContext, as_json: bool) -> None:
    """Every topic with its strategic goals."""
    with app.database.read() as session:
        rows: list[dict[str, Any]] = [{"id": t.id, "title": t.title, "description": t.description,
                 "goals": [{"id": g.id, "title": g.title, "meeting_id": g.meeting_id}
                           for g in goals_of(session, t.id or 0)]}
                for t in session.exec(select(Topic).order_by(col(Topic.id))).all()]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']}. {row['title']}")
        for goal in row["goals"]:
            click.echo(f"   – {goal['title']}")


@topics.command("add")
@click.option("--title", required=True)
@click.option("--description", default="")
@click.option("--meeting", "meeting_id", type=int, help="The meeting that decided it.")
@AS
@pass_app
def add_topic_(app: AppContext, title: str, description: str, meeting_id: int | None, as_email: str) -> None:
    """Set a topic."""
    with unit_of_work(app.database) as session:
        topic = add_topic(session, title, description, meeting_id=meeting_id, actor=actor(session, as_email),
                          now=app.now())
    click.echo(f"Topic {topic.id} '{topic.title}' set.")


@topics.command("goal")
@click.argument("topic_ref")
@click.option("--title", required=True)
@click.option("--description", default="")
@click.option("--meeting", "meeting_id", type=int, help="The meeting that decided it.")
@AS
@pass_app
def add_goal_(app: AppContext, topic_ref: str, title: str, description: str, meeting_id: int | None,
              as_email: str) -> None:
    """Set a strategic goal under a topic."""
    with unit_of_work(app.database) as session:
        goal = add_goal(session, topic_ref, title, description, meeting_id=meeting_id,
                        actor=actor(session, as_email), now=app.now())
    click.echo(f"Strategic goal {goal.id} '{goal.title}' set.")


for _command in MEMBER_COMMANDS:
    groups.add_command(_command)

COMMANDS = [strategy, groups, topics]
