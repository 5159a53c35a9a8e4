"""``recoflow export`` and ``recoflow accountability``: what became of forwarded recommendations."""

from pathlib import Path

import click

from cli.context import AppContext, echo_json, pass_app, table
from web.i18n import DEFAULT_LANGUAGE, LANGUAGES
from web.wording.export_labels import export_words
from workflow.forwarding.accountability import body_overview, network_totals, recommendation_overview
from workflow.forwarding.export import export_csv, export_json, export_public_json, export_xlsx
from workflow.queries.documents import Audience
from workflow.recommendations.lifecycle import find_recommendation


def _write(text: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(text, bytes):
            raise click.UsageError("An .xlsx workbook goes into a file: give --output FILE.")
        click.echo(text, nl=not text.endswith("\n"))
        return
    if isinstance(text, bytes):
        output.write_bytes(text)
    else:
        output.write_text(text, encoding="utf-8", newline="")
    click.echo(f"Wrote {output}.")


@click.group()
def export() -> None:
    """Export the accountability data for the secretariat, or the public summary."""


_OUTPUT = click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
                       help="Write to this file instead of printing.")
_LANG = click.option("--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
                     help="Headers and labels in German (';', TT.MM.JJJJ, for German Excel) or English (',', ISO).")


def _forwardings(app: AppContext, fmt: str, lang: str, output: Path | None) -> None:
    with app.database.read() as session:
        if fmt == "json":
            _write(export_json(session, app.now()) + "\n", output)
        elif fmt == "xlsx":
            _write(export_xlsx(session, app.now(), export_words(lang)), output)
        else:
            _write(export_csv(session, app.now(), export_words(lang)), output)


@export.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv", show_default=True)
@_LANG
@_OUTPUT
@pass_app
def forwardings(app: AppContext, fmt: str, lang: str, output: Path | None) -> None:
    """Every forwarding for the secretariat, as CSV for Excel, as an .xlsx workbook or as JSON with the figures."""
    _forwardings(app, fmt, lang, output)


@export.command("csv")
@_LANG
@_OUTPUT
@pass_app
def csv_(app: AppContext, lang: str, output: Path | None) -> None:
    """One row per forwarding: body, status, contact, latest report, review meeting, due date, overdue."""
    _forwardings(app, "csv", lang, output)


@export.command("xlsx")
@_LANG
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="The workbook file to write.")
@pass_app
def xlsx(app: AppContext, lang: str, output: Path) -> None:
    """The same rows as an Excel workbook: frozen header, sized columns, dates as date cells."""
    _forwardings(app, "xlsx", lang, output)


@export.command("json")
@_OUTPUT
@pass_app
def json_(app: AppContext, output: Path | None) -> None:
    """The network's figures and every forwarded recommendation with its review rounds and forwardings."""
    _forwardings(app, "json", DEFAULT_LANGUAGE, output)


@export.command()
@_OUTPUT
@pass_app
def public(app: AppContext, output: Path | None) -> None:
    """Adopted recommendations and their implementation status, without personal data (JSON)."""
    with app.database.read() as session:
        _write(export_public_json(session, app.now()) + "\n", output)


@export.command()
@click.argument("ref", required=False)
@click.option("--minutes", "meeting_id", type=int, help="The minutes of this meeting (id) instead of a recommendation.")
@click.option("--variant", type=click.Choice(["ua", "archiv"]), default="ua", show_default=True,
              help="PDF/UA-1 for reading, or PDF/A-2a for the archive.")
@_LANG
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="The PDF file to write.")
@pass_app
def pdf(app: AppContext, ref: str | None, meeting_id: int | None, variant: str, lang: str, output: Path) -> None:
    """A recommendation (REF: id or number) or a meeting's minutes (--minutes) as an accessible PDF."""
    if (ref is None) == (meeting_id is None):
        raise click.UsageError("Give a recommendation REF or --minutes MEETING, not both.")
    from web.documents import (  # why: WeasyPrint (Pango, fonts) loads slowly; only this command needs it
        DocumentSetting,
        PdfVariant,
        minutes_pdf,
        recommendation_pdf,
    )

    settings = app.settings
    setting = DocumentSetting(language=lang, network_name=settings.network_name, tz=settings.tz)
    with app.database.read() as session:
        if meeting_id is not None:
            data, _name = minutes_pdf(session, meeting_id, setting, PdfVariant(variant))
        else:
            rec = find_recommendation(session, ref or "")
            data, _name = recommendation_pdf(session, rec, Audience.INTERNAL, setting, PdfVariant(variant))
    _write(data, output)


@click.command()
@click.option("--rec", "rec_ref", help="One recommendation (id or number).")
@click.option("--body", "body_ref", help="One body (id or name).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def accountability(app: AppContext, rec_ref: str | None, body_ref: str | None, as_json: bool) -> None:
    """Who acknowledged, who reported, latest statuses and overdue reports; without options: the network."""
    if rec_ref and body_ref:
        raise click.UsageError("Give --rec or --body, not both.")
    with app.database.read() as session:
        if rec_ref:
            data = recommendation_overview(session, rec_ref, app.now())
        elif body_ref:
            data = body_overview(session, body_ref, app.now())
        else:
            data = network_totals(session, app.now())
    if as_json:
        echo_json(data)
        return
    if not (rec_ref or body_ref):
        for key, value in data.items():
            if key != "by_state":
                click.echo(f"{key}: {value}")
        click.echo("by state: " + ", ".join(f"{k} {v}" for k, v in data["by_state"].items() if v))
        return
    click.echo(f"{data.get('number') or data.get('name')}: {data['acknowledged']} acknowledged, "
               f"{data['reported']} reported, overdue: {data['overdue'] or 'none'}")
    click.echo(table([[r.recommendation_number or "", r.body[:40], r.status, r.latest_status or "–",
                       "OVERDUE" if r.overdue else ""] for r in data["forwardings"]],
                     ["recommendation", "body", "status", "latest report", ""]))


COMMANDS = [export, accountability]
