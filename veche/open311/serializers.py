"""Veche's catalogue and reports in the shapes GeoReport v2 names."""

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.reports.models import Answer, Report, Status, TimelineEntry, Topic

# Statuses a client should treat as finished; everything else is "open".
CLOSED = {Status.CLOSED, Status.REJECTED, Status.DUPLICATE, Status.IDEA}


def w3c(moment: datetime | None) -> str:
    """ISO 8601 with an offset, in the region's time zone, as the specification wants."""
    if moment is None:
        return ""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def absolute(url: str) -> str:
    return url if url.startswith("http") else f"{settings.SITE_URL}{url}"


def service(topic: Topic) -> dict:
    return {
        "service_code": topic.service_code,
        "service_name": topic.name,
        "description": topic.description or topic.name,
        "metadata": len(topic.attributes.all()) > 0,
        "type": "realtime",
        "keywords": topic.keywords,
        "group": topic.category.name,
    }


def definition(topic: Topic) -> dict:
    return {
        "service_code": topic.service_code,
        "attributes": [
            {
                "variable": attribute.variable,
                "code": attribute.code,
                "datatype": attribute.datatype,
                "required": attribute.required,
                "datatype_description": attribute.datatype_description,
                "order": attribute.order,
                "description": attribute.description,
                "values": [{"key": v["key"], "name": v["name"]} for v in attribute.values],
            }
            for attribute in topic.attributes.all()
        ],
    }


def service_notice(topic: Topic) -> str:
    if topic.deadline_kind == Topic.DeadlineKind.WORKING:
        return _("An answer within %(days)d working days.") % {"days": topic.deadline_days}
    return _("An answer within %(days)d calendar days.") % {"days": topic.deadline_days}


def open_or_closed(report: Report, last_answer: Answer | None) -> str:
    if report.status in CLOSED:
        return "closed"
    if report.status == Status.ANSWERED and last_answer and last_answer.kind != "scheduled":
        return "closed"
    return "open"


def unpublished(report: Report) -> dict:
    """A request awaiting moderation: its number and that it is open, nothing of its place, words
    or photos (the API and the web show nothing of it either)."""
    return {"service_request_id": str(report.pk), "status": "open"}


def request(report: Report, *, extensions: bool = False) -> dict:
    """One published service request."""
    answers = list(report.answers.all())
    last_answer = answers[-1] if answers else None
    notes = str(report.get_status_display())
    if last_answer:
        notes = f"{notes}. {last_answer.text}"
    photos = [m for m in report.media.all() if m.kind == "photo"]
    status = open_or_closed(report, last_answer)
    body = {
        "service_request_id": str(report.pk),
        "status": status,
        "status_notes": notes,
        "service_name": report.topic.name,
        "service_code": report.topic.service_code,
        "description": report.text,
        "agency_responsible": report.agency.name if report.agency_id else "",
        "service_notice": service_notice(report.topic),
        "requested_datetime": w3c(report.created_at),
        "updated_datetime": w3c(
            report.closed_at if status == "closed" and report.closed_at else report.updated_at
        ),
        "expected_datetime": w3c(report.due_at),
        "address": report.address,
        "address_id": "",
        "zipcode": "",
        "lat": report.lat,
        "long": report.lon,
        "media_url": absolute(photos[0].file.url) if photos else "",
    }
    if extensions:
        body.update(_extensions(report, photos))
    return body


def _extensions(report: Report, photos) -> dict:
    public = [e for e in report.timeline.all() if e.is_public]
    return {
        "attributes": [
            {"label": code, "name": code, "value": value, "code": code}
            for code, value in (report.attributes or {}).items()
        ],
        "extended_attributes": {
            "channel": report.channel,
            "detailed_status": report.status,
            "support_count": report.support_count,
            "photos": [{"media_url": absolute(p.file.url), "title": ""} for p in photos],
        },
        "notes": [
            {
                "datetime": w3c(e.created_at),
                "description": e.display_text or e.get_status_to_display(),
                "type": e.kind,
            }
            for e in public
        ],
    }


# FixMyStreet's status words for Veche's states (its Open311.pm knows only these).
FMS_STATUS = {
    Status.SUBMITTED: "OPEN",
    Status.ROUTED: "OPEN",
    Status.DECLINED: "INTERNAL_REFERRAL",
    Status.IN_PROGRESS: "IN_PROGRESS",
    Status.CLOSED: "CLOSED",
    Status.REJECTED: "CLOSED",
    Status.DUPLICATE: "DUPLICATE",
    Status.IDEA: "CLOSED",  # continued as an idea: nothing more happens to it here
}
FMS_ANSWER = {"resolved": "FIXED", "scheduled": "ACTION_SCHEDULED", "refused": "NO_FURTHER_ACTION"}


def _fms_status(entry: TimelineEntry, status: str) -> str:
    if status == Status.ANSWERED:
        given = [a for a in entry.report.answers.all() if a.created_at <= entry.created_at]
        return FMS_ANSWER[given[-1].kind] if given else "IN_PROGRESS"
    return FMS_STATUS.get(status, "OPEN")


def update(entry: TimelineEntry) -> dict:
    """A public timeline entry as an FMS `request_update`; Veche's own state is in
    `external_status_code`."""
    report = entry.report
    status = entry.status_to or report.status
    return {
        "update_id": str(entry.pk),
        "service_request_id": str(report.pk),
        "status": _fms_status(entry, status),
        "updated_datetime": w3c(entry.created_at),
        "description": entry.display_text
        or str(entry.get_status_to_display() or entry.get_kind_display()),
        "media_url": "",
        "external_status_code": status,
    }
