"""Photos a resident chose on a filing form that came back with an error: kept, already cleaned
by veche.media, so he need not choose them again (services/pending.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingPhoto(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The form's one-off token: photos belong to the form they were chosen on.
    client_token = models.CharField(max_length=64)
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to="reports/pending/")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("photo of an unsent report")
        verbose_name_plural = _("photos of unsent reports")
        ordering = ["pk"]
        indexes = [models.Index(fields=["author", "client_token"], name="pending_photo_form")]

    def __str__(self) -> str:
        return self.name
