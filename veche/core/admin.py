"""The Django admin is the back office: its titles name the portal, in the visitor's language."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

admin.site.site_header = format_lazy("{} — {}", settings.PORTAL_NAME, _("portal management"))
admin.site.site_title = format_lazy("{} — {}", settings.PORTAL_NAME, _("back office"))
admin.site.index_title = _("Portal management")

# django-tasks-db ships no Russian catalogue and an untranslatable app name. Its own msgids are
# listed here so that our catalogue (veche/core/locale) translates them in the back office.
if apps.is_installed("django_tasks_db"):
    apps.get_app_config("django_tasks_database").verbose_name = _("Background tasks")
THIRD_PARTY_MSGIDS = (
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("args kwargs"),
    gettext_noop("backend name"),
    gettext_noop("enqueued at"),
    gettext_noop("exception class path"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("queue name"),
    gettext_noop("return value"),
    gettext_noop("run after"),
    gettext_noop("started at"),
    gettext_noop("status"),
    gettext_noop("task path"),
    gettext_noop("traceback"),
    gettext_noop("worker id"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)
