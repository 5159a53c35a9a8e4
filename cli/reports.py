"""``recoflow report``: what a body does through its link, entered by the secretariat for a letter or a call."""

from datetime import date

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from models.forwarding import ReportStatus
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.accountability import forwarding_rows
from workflow.forwarding.forwardings import forwarding_of, forwardings_of
from workflow.forwarding.reports import ContactInput, ReportInput, acknowledge, file_report, name_contact, reports_of
from workflow.network.directory import find_organisation
from workflow.recommendations.lifecycle import find_recommendation

STATUSES = click.Choice([s.value for s in ReportStatus])


@click.group()
def report() -> None:
    """Acknowledgements, contact persons and implementation reports of responsible bodies."""


def _contact(name: str | None, email: str | None, phone: str) -> ContactInput | None:
    if name is None:
        if email or phone:
            raise click.UsageError("Give the contact person's name with --contact-name.")
        return None
    return ContactInput(name=name, email=email or None, phone=phone)


@report.command("acknowledge")
@click.argument("ref")
@click.option("--body", "body_ref", required=True, help="The body (id or name).")
@click.option("--contact-name", help="The body's contact person.")
@click.option("--contact-email")
@click.option("--contact-phone", default="")
@click.option("--as", "as_email", required=True, help="Email of the secretariat member.")
@pass_app
def acknowledge_(app: AppContext, ref: str, body_ref: str, contact_name: str | None, contact_email: str | None,
                 contact_phone: str, as_email: str) -> None:
    """Record that the body confirmed receipt (e.g. by letter)."""
    contact = _contact(contact_name, contact_email, contact_phone)
    with unit_of_work(app.database) as session:
        forwarding = forwarding_of(session, ref, body_ref)
        acknowledge(session, forwarding, actor(session, as_email), app.now(), contact)
    click.echo(f"Forwarding {forwarding.id}: receipt acknowledged.")


@report.command()
@click.argument("ref")
@click.option("--body", "body_ref", required=True, help="The body (id or name).")
@click.option("--name", "contact_name", required=True)
@click.option("--email", "contact_email")
@click.option("--phone", "contact_phone", default="")
@click.option("--as", "as_email", required=True, help="Email of the secretariat member.")
@pass_app
def contact(app: AppContext, ref: str, body_ref: str, contact_name: str, contact_email: str | None,
            contact_phone: str, as_email: str) -> None:
    """Name or change the body's contact person."""
    data = ContactInput(name=contact_name, email=contact_email or None, phone=contact_phone)
    with unit_of_work(app.database) as session:
        forwarding = forwarding_of(session, ref, body_ref)
        name_contact(session, forwarding, data, actor(session, as_email), app.now())
    click.echo(f"Forwarding {forwarding.id}: contact person is {data.name}.")


@report.command("file")
@click.argument("ref")
@click.option("--body", "body_ref", required=True, help="The reporting body (id or name).")
@click.option("--status", required=True, type=STATUSES)
@click.option("--text", required=True, help="What the body reports.")
@click.option("--date", "report_date", type=click.DateTime(["%Y-%m-%d"]), help="Date of the report (default: today).")
@click.option("--instead", "instead", help="With not_responsible: the body responsible instead (id or name).")
@click.option("--instead-name", default="", help="With not_responsible: a body not in the directory, by name.")
@click.option("--as", "as_email", required=True, help="Email of the secretariat member.")
@pass_app
def file_(app: AppContext, ref: str, body_ref: str, status: str, text: str, report_date: object,
          instead: str | None, instead_name: str, as_email: str) -> None:
    """Enter an implementation report the body sent by letter; it joins the body's timeline."""
    with unit_of_work(app.database) as session:
        forwarding = forwarding_of(session, ref, body_ref)
        suggested = find_organisation(session, instead).id if instead else None
        data = ReportInput(status=ReportStatus(status), text=text, suggested_organisation_id=suggested,
                           suggested_body=instead_name,
                           report_date=report_date.date() if report_date else None)  # type: ignore[attr-defined]
        filed = file_report(session, forwarding, data, actor(session, as_email), app.now())
    hint = (f" Forward onward with 'recoflow forward {ref} --onward-from-report {filed.id}'."
            if filed.suggested_organisation_id else "")
    click.echo(f"Report {filed.id} filed for forwarding {forwarding.id} ({filed.status.value}).{hint}")


@report.command("list")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_(app: AppContext, ref: str, as_json: bool) -> None:
    """Every report on a recommendation, oldest first, with the body that filed it."""
    with app.database.read() as session:
        rec = find_recommendation(session, ref)
        forwardings = list(forwardings_of(session, rec.id))
        bodies = {r.forwarding_id: r.body for r in forwarding_rows(session, app.now(), forwardings)}
        rows = [{"id": r.id, "forwarding_id": r.forwarding_id, "body": bodies[r.forwarding_id],
                 "status": r.status.value, "report_date": r.report_date, "filed_at": r.filed_at,
                 "by_letter": r.filed_by_id is not None, "text": r.text, "suggested_body": r.suggested_body}
                for r in reports_of(session, [f.id or 0 for f in forwardings])]
    if as_json:
        echo_json(rows)
        return
    click.echo(table([[str(r["id"]), _iso(r["report_date"]), str(r["body"])[:40], str(r["status"]),
                       str(r["suggested_body"]), str(r["text"])[:50]] for r in rows],
                     ["id", "date", "body", "status", "instead", "text"]))


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


COMMANDS = [report]
