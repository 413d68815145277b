"""Who hears of a project's implementation: the applicants of the contest application it
implements (the initiative group's members, or its author). Words are message ids with
parameters (notifications.text), rendered in each reader's language."""

from django.utils.translation import gettext_noop

from veche.budgeting.notices import applicants
from veche.notifications.messages import Message
from veche.notifications.services import notify
from veche.notifications.text import msg

from .models import Project

TITLES = {
    "started": gettext_noop("Project «%(title)s» moves to implementation"),
    "progress": gettext_noop("Project «%(title)s»: news of the works"),
    "implemented": gettext_noop("Project «%(title)s» is implemented"),
    "not_carried_out": gettext_noop("Project «%(title)s» will not be carried out"),
    "refund": gettext_noop("Project «%(title)s»: money is due back"),
}
TEXTS = {
    "started": gettext_noop("Its page will show the works' progress and photos."),
    "progress": gettext_noop("The project's page shows what has been done."),
    "implemented": gettext_noop("The project's page shows the photos before and after."),
    "not_carried_out": gettext_noop(
        "Residents' and sponsors' contributions are recorded as due for refund."
    ),
    "refund": gettext_noop("The project's page says how much is due back to whom."),
}


def deliver(*, kind: str, project_id: int, update_id: int) -> int:
    project = Project.objects.select_related("application").filter(pk=project_id).first()
    if project is None or project.application is None:
        return 0
    message = Message(
        kind=f"realized.{kind}",
        title=msg(TITLES[kind], title=project.name),
        text=[msg(TEXTS[kind])],
        link=project.get_absolute_url(),
        subject_type="realized.project",
        subject_id=str(project.pk),
    )
    return notify(
        recipients=applicants(project.application),
        message=message,
        once_key=f"realized:{kind}:{project.pk}:{update_id}",
    )
