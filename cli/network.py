"""``recoflow network``: the network's profile and the texts of its legal pages."""

from pathlib import Path
from typing import Any

import click

from cli.context import AppContext, actor, echo_json, pass_app
from models.network import NetworkProfile
from workflow.engine.unit_of_work import unit_of_work
from workflow.network.profile import PROFILE_FIELDS, ProfileUpdate, get_profile, set_legal_text, update_profile

LEGAL_PAGES = ("imprint", "privacy", "accessibility")


def profile_data(profile: NetworkProfile) -> dict[str, Any]:
    """The profile as shown by ``network show`` (the legal texts by length only)."""
    data: dict[str, Any] = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    data["version"] = profile.version
    data["updated_at"] = profile.updated_at
    data["legal_texts"] = {"imprint": len(profile.imprint), "privacy": len(profile.privacy_policy),
                           "accessibility": len(profile.accessibility_statement)}
    return data


@click.group()
def network() -> None:
    """The network's profile: name, contact, time zone, languages, number prefix, legal pages."""


@network.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def show(app: AppContext, as_json: bool) -> None:
    """The network's profile (a default from the settings until one is saved)."""
    with app.database.read() as session:
        data = profile_data(get_profile(session, app.environment))
    if as_json:
        echo_json(data)
        return
    for name in PROFILE_FIELDS:
        value = str(data[name]).replace("\n", ", ")
        click.echo(f"{name.replace('_', ' '):15} {value}")
    texts = data["legal_texts"]
    click.echo("legal pages     " + ", ".join(f"{k}: {v} characters" if v else f"{k}: not yet written"
                                              for k, v in texts.items()))
    click.echo(f"version         {data['version']}")


@network.command("set")
@click.option("--name", help="The network's full name (3 to 200 characters).")
@click.option("--short-name", help="A short name (at most 50 characters).")
@click.option("--address", help="The postal address (use \\n for new lines).")
@click.option("--contact-email", help="The contact address shown in the footer.")
@click.option("--contact-phone", help="The contact telephone number.")
@click.option("--website", help="The network's website.")
@click.option("--timezone", help="An IANA time zone such as Europe/Berlin.")
@click.option("--languages", help="Offered languages, the default first: de,en or en,de or de.")
@click.option("--number-prefix", help="Prefix of recommendation numbers (1 to 10 of A-Z, 0-9, -).")
@click.option("--comment", default="", help="Why the profile changes (kept in the record).")
@click.option("--as", "as_email", required=True, metavar="EMAIL", help="Act as this person (the secretariat).")
@pass_app
def set_(app: AppContext, comment: str, as_email: str, **fields: str | None) -> None:
    """Change fields of the network's profile; fields left out stay as they are."""
    if "address" in fields and fields["address"] is not None:
        fields["address"] = fields["address"].replace("\\n", "\n")
    updates = ProfileUpdate(**fields)
    if not updates.model_dump(exclude_none=True):
        raise click.UsageError("Name at least one field to change, e.g. --name.")
    with unit_of_work(app.database) as session:
        before = get_profile(session, app.environment).version
        profile = update_profile(session, updates, actor=actor(session, as_email), now=app.now(), comment=comment,
                                 settings=app.environment)
    if profile.version == before:
        click.echo("Nothing changed; the profile has these values already.")
    else:
        click.echo(f"The network's profile is saved (version {profile.version}).")


@network.command("legal")
@click.argument("page", type=click.Choice(LEGAL_PAGES))
@click.option("--file", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the text from this UTF-8 file.")
@click.option("--text", help="The text itself.")
@click.option("--comment", default="", help="Why the text changes (kept in the record).")
@click.option("--as", "as_email", required=True, metavar="EMAIL", help="Act as this person (the secretariat).")
@pass_app
def legal(app: AppContext, page: str, source: Path | None, text: str | None, comment: str, as_email: str) -> None:
    """Replace the text of a legal page (Impressum, Datenschutzerklärung, Barrierefreiheitserklärung)."""
    if (source is None) == (text is None):
        raise click.UsageError("Give the text with either --file or --text.")
    content = source.read_text(encoding="utf-8-sig") if source is not None else text or ""
    with unit_of_work(app.database) as session:
        set_legal_text(session, page, content, actor=actor(session, as_email), now=app.now(), comment=comment,
                       settings=app.environment)
    click.echo(f"The {page} page is saved ({len(content.strip())} characters).")


COMMANDS = [network]
