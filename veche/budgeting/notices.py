"""Who hears what about an application, and the invitation letter. Words are message ids with
parameters (notifications.text), rendered in each reader's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veche.accounts.models import User
from veche.notifications.messages import Message
from veche.notifications.services import notify
from veche.notifications.text import msg

from .models import Application, GroupInvitation

TITLES = {
    "submitted": gettext_noop("Application «%(title)s» is submitted"),
    "revision": gettext_noop("Application «%(title)s» is returned for revision"),
    "admitted": gettext_noop("Application «%(title)s» is admitted to the contest"),
    "rejected": gettext_noop("Application «%(title)s» is rejected"),
    "to_review": gettext_noop("A new application to review: «%(title)s»"),
    "winner": gettext_noop("Project «%(title)s» is among the contest's winners"),
    "not_selected": gettext_noop("Project «%(title)s» is not among the contest's winners"),
}
TEXTS = {
    "submitted": gettext_noop("The technical reviewers will check it; you will hear of them."),
    "revision": gettext_noop(
        "Read the reviewer's remarks, correct the application and submit it again."
    ),
    "admitted": gettext_noop("It passed the technical review and goes on to the next stages."),
    "rejected": gettext_noop("Its page says why."),
    "to_review": gettext_noop("It waits in the contest's review queue."),
    "winner": gettext_noop("The contest's results page says why each project won or not."),
    "not_selected": gettext_noop("The contest's results page says why each project won or not."),
}


def applicants(application: Application) -> list[User]:
    if application.group_id:
        return list(User.objects.filter(group_memberships__group_id=application.group_id))
    return [application.author]


def reviewers(application: Application) -> list[User]:
    return list(User.objects.filter(reviewed_contests__contest_id=application.contest_id))


def deliver(*, kind: str, application_id: int) -> int:
    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        return 0
    told = 0
    path = application.get_absolute_url()
    for name, people in ((kind, applicants(application)), ("to_review", [])):
        if name == "to_review":
            if kind != "submitted":
                continue
            people = reviewers(application)
        message = Message(
            kind=f"budgeting.{name}",
            title=msg(TITLES[name], title=application.title),
            text=[msg(TEXTS[name])],
            link=path,
            subject_type="budgeting.application",
            subject_id=str(application.pk),
        )
        told += notify(
            recipients=people,
            message=message,
            once_key=f"budgeting:{name}:{application.pk}:{application.revision_count}:{application.status}",
        )
    return told


def send_invitation_letter(invitation_id: int) -> bool:
    """The letter to an invited address: the link to accept (which asks to register or log in
    first); built now, so the token is read from the row, never stored in the task."""
    invitation = (
        GroupInvitation.objects.select_related("group", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None or not invitation.email:
        return False
    link = settings.SITE_URL.rstrip("/") + reverse("budgeting:invitation", args=[invitation.token])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("An invitation to the initiative group «%(group)s»") % {
            "group": invitation.group.name
        }
        body = _(
            "You are invited to join the initiative group «%(group)s» on the portal. Open the "
            "link to accept (register first if you have no account); it is valid for 14 days:\n"
            "%(link)s"
        ) % {"group": invitation.group.name, "link": link}
    EmailMessage(subject=subject, body=body, to=[invitation.email]).send()
    return True


REMINDER_TITLE = gettext_noop("Application «%(title)s»: the revision is due tomorrow")
REMINDER_TEXT = gettext_noop(
    "Correct the application and submit it again before the end of the next working day."
)


def remind_revisions(now=None) -> int:
    """Applications on revision due by the end of the next working day (the day before it, in
    working days, is today): each applicant side told once per deadline."""
    from django.utils import timezone

    from veche.workdays.calendar import add_working_days

    now = now or timezone.now()
    tomorrow_end = add_working_days(now, 1)
    due = Application.objects.filter(
        status=Application.Status.REVISION, revision_due__gt=now, revision_due__lte=tomorrow_end
    ).select_related("author")
    told = 0
    for application in due:
        message = Message(
            kind="budgeting.revision_reminder",
            title=msg(REMINDER_TITLE, title=application.title),
            text=[msg(REMINDER_TEXT)],
            link=application.get_absolute_url(),
            subject_type="budgeting.application",
            subject_id=str(application.pk),
        )
        told += notify(
            recipients=applicants(application),
            message=message,
            once_key=f"budgeting:reminder:{application.pk}:{application.revision_due.isoformat()}",
        )
    return told


# The expert commission's step (issue 13, point 2): the applicants hear of their evaluation once
# the sheet is signed.
TITLES["evaluated"] = gettext_noop("Application «%(title)s» is evaluated by the expert commission")
TEXTS["evaluated"] = gettext_noop(
    "The commission's signed evaluation sheet is published on the contest's page."
)
