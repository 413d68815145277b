"""The Django admin is the back office: its titles name the portal, in the visitor's language."""

from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

admin.site.site_header = format_lazy("{} — {}", settings.PORTAL_NAME, _("portal management"))
admin.site.site_title = format_lazy("{} — {}", settings.PORTAL_NAME, _("back office"))
admin.site.index_title = _("Portal management")
