"""A winning project's implementation as the registry of realized projects (veche.realized, a
layer above) reports it: the application's status follows — winner → in implementation →
implemented — with its timeline entry and event. The caller checks its own permission
(`realized.change_project`) and tells the applicants (the registry's notices), and holds the
application's row lock already: nothing here locks the contest, so the registry's lock order
(the application first) stays the only one in its transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import Application
from ._steps import step

Status = Application.Status
FROM = {
    Status.IN_IMPLEMENTATION: (Status.WINNER,),
    Status.IMPLEMENTED: (Status.WINNER, Status.IN_IMPLEMENTATION),
}
MESSAGES = {
    Status.IN_IMPLEMENTATION: gettext_noop("The project moves to implementation."),
    Status.IMPLEMENTED: gettext_noop("The project is implemented."),
}


@transaction.atomic
def application_implementation(*, user, application: Application, implemented: bool) -> Application:
    """Move a winner's application on to in implementation (or implemented); again is a no-op."""
    wanted = Status.IMPLEMENTED if implemented else Status.IN_IMPLEMENTATION
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if locked.status == wanted:
        return locked
    if locked.status not in FROM[wanted]:
        raise ValidationError(
            _("Only a contest's winning application moves to implementation."), code="status"
        )
    locked.status = wanted
    locked.save(update_fields=["status", "updated_at"])
    step(locked, wanted, actor=user, message=MESSAGES[wanted])
    return locked
