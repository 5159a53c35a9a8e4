"""``recoflow forward`` and ``recoflow forwardings``: send recommendations to responsible bodies, manage links."""

import click

from cli.context import AppContext, actor, echo_json, pass_app, table
from workflow.engine.unit_of_work import unit_of_work
from workflow.forwarding.accountability import forwarding_rows, recommendation_story
from workflow.forwarding.forwardings import (
    find_forwarding,
    forward_recommendation,
    forward_to_suggested,
    forwardings_of,
    reissue_link,
    revoke_link,
)
from workflow.forwarding.personal_links import IssuedLink
from workflow.forwarding.reports import reports_of
from workflow.network.directory import find_organisation
from workflow.recommendations.lifecycle import find_recommendation


def _print_links(links: list[IssuedLink], as_json: bool) -> None:
    # The plain token exists only now: print it once, for the letter or the email to the body.
    data = [{"forwarding_id": link.forwarding_id, "body": link.organisation_name, "email": link.organisation_email,
             "link": link.url, "valid_until": link.expires_at} for link in links]
    if as_json:
        echo_json(data)
        return
    for link in links:
        click.echo(f"forwarding {link.forwarding_id} to {link.organisation_name} "
                   f"<{link.organisation_email or 'no email'}>:")
        click.echo(f"  personal link (shown only now): {link.url}")
        click.echo(f"  valid until {link.expires_at.date().isoformat()}")
        if link.organisation_email:
            # The newest link is the one that works (see workflow.forwarding.personal_links).
            click.echo("  the mail to the body carries a link of its own, which replaces this one once it is sent")


@click.command()
@click.argument("ref")
@click.option("--to", "bodies", multiple=True,
              help="Responsible body (id or name); default: the proposed addressees. Repeat for several.")
@click.option("--onward-from-report", "report_id", type=int,
              help="Forward to the body a 'not responsible' report named instead.")
@click.option("--comment", default="", help="A note for the record.")
@click.option("--as", "as_email", required=True, help="Email of the secretariat member.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def forward(app: AppContext, ref: str, bodies: tuple[str, ...], report_id: int | None, comment: str,
            as_email: str, as_json: bool) -> None:
    """Forward an adopted recommendation to responsible bodies (or a forwarded one onward to further bodies)."""
    with unit_of_work(app.database) as session:
        who = actor(session, as_email)
        if report_id is not None:
            if bodies:
                raise click.UsageError("Give --to or --onward-from-report, not both.")
            find_recommendation(session, ref)
            links = [forward_to_suggested(session, report_id, who, app.now())]
        else:
            links = forward_recommendation(session, ref, list(bodies), who, app.now(), comment)
    _print_links(links, as_json)


@click.group()
def forwardings() -> None:
    """Forwardings of recommendations to responsible bodies, and their personal links."""


@forwardings.command("list")
@click.option("--rec", "rec_ref", help="Only this recommendation (id or number).")
@click.option("--body", "body_ref", help="Only this body (id or name).")
@click.option("--overdue", is_flag=True, help="Only forwardings whose report is overdue.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_(app: AppContext, rec_ref: str | None, body_ref: str | None, overdue: bool, as_json: bool) -> None:
    """Every forwarding with its status, latest report and report due date."""
    with app.database.read() as session:
        rec_id = find_recommendation(session, rec_ref).id if rec_ref else None
        org_id = find_organisation(session, body_ref).id if body_ref else None
        rows = forwarding_rows(session, app.now(), forwardings_of(session, rec_id, org_id))
    rows = [r for r in rows if r.overdue] if overdue else rows
    if as_json:
        echo_json(rows)
        return
    tz = app.settings.tz
    click.echo(table([[str(r.forwarding_id), r.recommendation_number or f"#{r.recommendation_id}",
                       r.body[:40], r.status, r.latest_status or "–",
                       r.report_due_at.astimezone(tz).date().isoformat() if r.report_due_at else "–",
                       "OVERDUE" if r.overdue else ""] for r in rows],
                     ["id", "recommendation", "body", "status", "latest report", "report due", ""]))


@forwardings.command()
@click.argument("forwarding_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def show(app: AppContext, forwarding_id: int, as_json: bool) -> None:
    """One forwarding: the body, its contact person, its reports and its review date."""
    with app.database.read() as session:
        [row] = forwarding_rows(session, app.now(), [find_forwarding(session, forwarding_id)])
        timeline = [{"id": r.id, "status": r.status.value, "report_date": r.report_date, "text": r.text,
                     "filed_at": r.filed_at, "by_letter": r.filed_by_id is not None,
                     "suggested_body": r.suggested_body} for r in reports_of(session, [forwarding_id])]
    if as_json:
        echo_json({**row.model_dump(by_alias=True), "timeline": timeline})
        return
    click.echo(f"forwarding {row.forwarding_id}: {row.recommendation_number} to {row.body}")
    click.echo(f"status: {row.status}   acknowledged: {row.acknowledged_at or 'no'}")
    click.echo(f"contact: {row.contact_name or '–'} {row.contact_email} {row.contact_phone}".rstrip())
    click.echo(f"review: {row.review_meeting or 'no meeting yet'}   report due: {row.report_due_at or '–'}"
               + ("   OVERDUE" if row.overdue else ""))
    click.echo(f"link valid until: {row.link_valid_until or 'no valid link (reissue one)'}")
    for r in timeline:
        via = "letter" if r["by_letter"] else "link"
        extra = f" → {r['suggested_body']}" if r["suggested_body"] else ""
        click.echo(f"  report {r['id']} of {r['report_date']} ({via}): {r['status']}{extra} – {r['text']}")


@forwardings.command()
@click.argument("forwarding_id", type=int)
@click.option("--as", "as_email", required=True, help="Email of the secretariat member.")
@pass_app
def revoke(app: AppContext, forwarding_id: int, as_email: str) -> None:
    """Make the body's link stop working (e.g. it reached the wrong person)."""
    with unit_of_work(app.database) as session:
        count = revoke_link(session, forwarding_id, actor(session, as_email), app.now())
    click.echo(f"Revoked {count} link(s) of forwarding {forwarding_id}." if count
               else f"Forwarding {forwarding_id} had no working link; nothing changed.")


@forwardings.command()
@click.argument("forwarding_id", type=int)
@click.option("--as", "as_email", required=True, help="Email of the secretariat member.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def reissue(app: AppContext, forwarding_id: int, as_email: str, as_json: bool) -> None:
    """Revoke the body's links and issue a new one."""
    with unit_of_work(app.database) as session:
        link = reissue_link(session, forwarding_id, actor(session, as_email), app.now())
    _print_links([link], as_json)


@forwardings.command()
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def story(app: AppContext, ref: str, as_json: bool) -> None:
    """The transitions of a recommendation and of its forwardings, in the order they happened."""
    with app.database.read() as session:
        rows = recommendation_story(session, ref)
    if as_json:
        echo_json(rows)
        return
    tz = app.settings.tz
    click.echo(table([[r["at"].astimezone(tz).strftime("%Y-%m-%d %H:%M"), r["subject"][:30], r["event"],
                       f"{r['from']} → {r['to']}", r["actor"] or "–", r["comment"][:60]] for r in rows],
                     ["when", "who is concerned", "event", "transition", "by", "note"]))


COMMANDS = [forward, forwardings]
