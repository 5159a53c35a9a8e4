"""The OParl 1.1 objects of the endpoint, rendered from the read models of workflow/queries/oparl.py with absolute
URLs under the configured base URL; German words come from the catalog (web/wording/oparl_labels.py)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from web.i18n import Translator
from web.wording import directory_labels, meeting_labels, oparl_labels
from workflow.queries.attachment_views import AttachmentView
from workflow.queries.oparl import (
    OparlAgendaItem,
    OparlGroup,
    OparlInstitution,
    OparlMeeting,
    OparlNetwork,
    OparlPaper,
)

OPARL_VERSION = "https://schema.oparl.org/1.1/"
PREFIX = "/oparl/v1"
BODY_ID = 1
# The external lists of the one body, by the path segment that names them.
LISTS = ("organizations", "persons", "memberships", "meetings", "papers", "agendaItems", "consultations", "files")


def _type(name: str) -> str:
    return f"{OPARL_VERSION}{name}"


@dataclass(frozen=True)
class Renderer:
    """Builds objects for one base URL, time zone and language."""

    base_url: str
    zone: ZoneInfo
    words: Translator

    def url(self, path: str) -> str:
        """The absolute URL of an endpoint path."""
        return f"{self.base_url.rstrip('/')}{PREFIX}{path}"

    def when(self, moment: datetime) -> str:
        """A date-time with the network's offset, as OParl writes it (RFC 3339)."""
        return moment.astimezone(self.zone).isoformat(timespec="seconds")

    @staticmethod
    def day(value: date) -> str:
        return value.isoformat()

    def _head(self, kind: str, path: str, created: datetime, modified: datetime) -> dict[str, Any]:
        return {"id": self.url(path), "type": _type(kind), "created": self.when(created),
                "modified": self.when(modified)}

    def deleted(self, kind: str, path: str, created: datetime, modified: datetime) -> dict[str, Any]:
        """A depublished object: only id, type, created, modified and ``deleted`` stay (spec 2.8)."""
        return {**self._head(kind, path, created, modified), "deleted": True}

    def system(self, network: OparlNetwork) -> dict[str, Any]:
        obj = {**self._head("System", "/", network.created, network.modified), "oparlVersion": OPARL_VERSION,
               "body": self.url("/bodies"), "name": network.name, "website": network.website or self.base_url}
        if network.contact_email:
            obj["contactEmail"] = network.contact_email
        return obj

    def body(self, network: OparlNetwork) -> dict[str, Any]:
        obj = {**self._head("Body", f"/body/{BODY_ID}", network.created, network.modified),
               "system": self.url("/"), "name": network.name, "website": network.website or self.base_url,
               "classification": self.words.gettext(oparl_labels.NETWORK), "legislativeTerm": [],
               "web": self.base_url.rstrip("/") + "/"}
        obj.update({"organization": self.url(f"/body/{BODY_ID}/organizations"),
                    "person": self.url(f"/body/{BODY_ID}/persons"),
                    "membership": self.url(f"/body/{BODY_ID}/memberships"),
                    "meeting": self.url(f"/body/{BODY_ID}/meetings"), "paper": self.url(f"/body/{BODY_ID}/papers"),
                    "agendaItem": self.url(f"/body/{BODY_ID}/agendaItems"),
                    "consultation": self.url(f"/body/{BODY_ID}/consultations"),
                    "file": self.url(f"/body/{BODY_ID}/files")})
        if network.short_name:
            obj["shortName"] = network.short_name
        if network.contact_email:
            obj["contactEmail"] = network.contact_email
        return obj

    def group(self, group: OparlGroup) -> dict[str, Any]:
        obj = {**self._head("Organization", f"/organization/{group.key}", group.created, group.modified),
               "body": self.url(f"/body/{BODY_ID}"), "name": group.name, "membership": [],
               "organizationType": self.words.gettext(oparl_labels.COMMITTEE)}
        if not group.working_group:
            obj["name"] = self.words.gettext(oparl_labels.STRATEGY_GROUP)
            obj["classification"] = obj["name"]
            obj["meeting"] = self.url(f"/body/{BODY_ID}/meetings")
            obj["consultation"] = self.url(f"/body/{BODY_ID}/consultations")
            return obj
        obj["classification"] = self.words.gettext(oparl_labels.WORKING_GROUP)
        obj["subOrganizationOf"] = self.url("/organization/strategy-group")
        if group.topic:
            obj["keyword"] = [group.topic]
        if group.start:
            obj["startDate"] = self.day(group.start)
        if group.end:
            obj["endDate"] = self.day(group.end)
        return obj

    def institution(self, org: OparlInstitution) -> dict[str, Any]:
        obj = {**self._head("Organization", f"/organization/body-{org.id}", org.created, org.modified),
               "body": self.url(f"/body/{BODY_ID}"), "name": org.name, "membership": [],
               "organizationType": self.words.gettext(oparl_labels.INSTITUTION),
               "classification": self.words.gettext(directory_labels.KINDS[org.kind])}
        if org.short_name:
            obj["shortName"] = org.short_name
        if org.website.startswith(("https://", "http://")):
            obj["website"] = org.website
        return obj

    def location(self, meeting: OparlMeeting) -> dict[str, Any]:
        return {**self._head("Location", f"/location/{meeting.id}", meeting.created, meeting.modified),
                "description": meeting.location, "meetings": [self.url(f"/meeting/{meeting.id}")]}

    def meeting(self, meeting: OparlMeeting) -> dict[str, Any]:
        obj = {**self._head("Meeting", f"/meeting/{meeting.id}", meeting.created, meeting.modified),
               "name": meeting.title,
               "meetingState": self.words.gettext(meeting_labels.MEETING_STATUS[meeting.status.value]),
               "cancelled": meeting.status.value == "cancelled", "start": self.when(meeting.starts_at),
               "organization": [self.url("/organization/strategy-group")],
               # Inline lists never hold deleted objects (spec 2.5).
               "agendaItem": [self.agenda_item(i) for i in meeting.items if not i.deleted]}
        if meeting.ends_at:
            obj["end"] = self.when(meeting.ends_at)
        if meeting.location:
            obj["location"] = self.location(meeting)
        if meeting.written:
            obj["keyword"] = [self.words.gettext(oparl_labels.WRITTEN_PROCEDURE)]
        return obj

    def agenda_item(self, item: OparlAgendaItem) -> dict[str, Any]:
        path = f"/agendaItem/{item.id}"
        if item.deleted:
            return {**self.deleted("AgendaItem", path, item.created, item.modified), "order": item.position}
        name = (f"{item.number} {item.title}" if item.purpose.value == "decision" else
                self.words.gettext(oparl_labels.REVIEW_ITEM, number=item.number, title=item.title))
        obj = {**self._head("AgendaItem", path, item.created, item.modified),
               "meeting": self.url(f"/meeting/{item.meeting_id}"), "number": str(item.position),
               "order": item.position, "name": name, "public": True,
               "consultation": self.url(f"/consultation/{item.id}")}
        if item.outcome in oparl_labels.OUTCOMES:
            obj["result"] = self.words.gettext(oparl_labels.OUTCOMES[item.outcome])
        return obj

    def consultation(self, item: OparlAgendaItem) -> dict[str, Any]:
        path = f"/consultation/{item.id}"
        if item.deleted:
            return self.deleted("Consultation", path, item.created, item.modified)
        return {**self._head("Consultation", path, item.created, item.modified),
                "paper": self.url(f"/paper/{item.recommendation_id}"),
                "agendaItem": self.url(f"/agendaItem/{item.id}"), "meeting": self.url(f"/meeting/{item.meeting_id}"),
                "organization": [self.url("/organization/strategy-group")],
                # Authoritative where the strategy group decided on it there (adopted or rejected).
                "authoritative": item.outcome in ("adopted", "rejected"),
                "role": self.words.gettext(oparl_labels.ROLES[item.purpose.value])}

    def public_page(self, paper: OparlPaper) -> str:
        return f"{self.base_url.rstrip('/')}/oeffentlich/empfehlungen/{paper.number}"

    def file(self, paper: OparlPaper) -> dict[str, Any]:
        """The recommendation's public PDF (PDF/UA, what its public page shows) as its document."""
        pdf = f"{self.public_page(paper)}/dokument.pdf"
        obj = {**self._head("File", f"/file/{paper.id}", paper.created, paper.modified),
               "name": self.words.gettext(oparl_labels.FILE_NAME, number=paper.number),
               "fileName": f"{paper.number}.pdf", "mimeType": "application/pdf", "accessUrl": pdf,
               "downloadUrl": pdf, "paper": [self.url(f"/paper/{paper.id}")]}
        if paper.submitted_on:
            obj["date"] = self.day(paper.submitted_on)
        return obj

    def auxiliary_file(self, paper: OparlPaper, attachment: AttachmentView) -> dict[str, Any]:
        """A file attached to a public paper, downloaded where its public page offers it."""
        url = f"{self.public_page(paper)}/anlagen/{attachment.id}"
        # Public since the paper's page is: a client asking what changed since then finds it.
        return {**self._head("File", f"/file/anlage-{attachment.id}", attachment.uploaded_at,
                             max(attachment.uploaded_at, paper.modified)),
                "name": attachment.name, "fileName": attachment.name, "mimeType": attachment.media_type,
                "size": attachment.size, "date": self.day(attachment.uploaded_at.astimezone(self.zone).date()),
                "accessUrl": url, "downloadUrl": url, "paper": [self.url(f"/paper/{paper.id}")]}

    def paper(self, paper: OparlPaper) -> dict[str, Any]:
        path = f"/paper/{paper.id}"
        if paper.deleted:
            return self.deleted("Paper", path, paper.created, paper.modified)
        group = self.url(f"/organization/wg-{paper.working_group_id}")
        obj = {**self._head("Paper", path, paper.created, paper.modified), "body": self.url(f"/body/{BODY_ID}"),
               "name": paper.title, "reference": paper.number,
               "paperType": self.words.gettext(oparl_labels.PAPER_TYPE),
               "underDirectionOf": [group], "originatorOrganization": [group],
               "consultation": [self.consultation(c) for c in paper.consultations if not c.deleted]}
        if paper.submitted_on:
            obj["date"] = self.day(paper.submitted_on)
        if paper.public_page:
            obj["mainFile"] = self.file(paper)
            if paper.attachments:
                obj["auxiliaryFile"] = [self.auxiliary_file(paper, a) for a in paper.attachments]
            obj["web"] = self.public_page(paper)
        return obj
