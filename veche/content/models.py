"""The portal's information side (docs/content.md): news, pages in a tree, methodological
materials, the knowledge base and the events calendar, and the editors who keep them.

Every item belongs to a municipality or, with none, to the whole region; that scope decides who
edits it (rules.py). An item is public once published and its publication moment has come, so a
scheduled item stays invisible until its time (`Published.visible`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("content status", "draft")
    PUBLISHED = "published", pgettext_lazy("content status", "published")


class PublishedQuerySet(models.QuerySet):
    def visible(self, now=None):
        """What a guest sees: published, and its publication moment has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=now or timezone.now())


class Publishable(models.Model):
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leave empty for the whole region."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible(self, now=None) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= (now or timezone.now())
        )

    def is_scheduled(self, now=None) -> bool:
        return self.status == Status.PUBLISHED and not self.is_visible(now)


def _published_has_time(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
        name=f"{name}_published_has_time",
    )


class ContentEditor(models.Model):
    """A content-editor membership (docs/permissions.md, "Roles on objects"): granted by the
    admin of a territory, it lets a person keep news, pages, materials, the knowledge base and
    events of that municipality (or, with none, of the whole region)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="content_editorships"
    )
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.CASCADE, null=True, blank=True
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=Q(municipality__isnull=False),
                name="content_editor_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(municipality__isnull=True),
                name="content_editor_once_regionwide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.municipality or _('the whole region')}"


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class News(Publishable):
    title = models.CharField(_("title"), max_length=200)
    lead = models.CharField(_("lead"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, null=True, blank=True
    )
    cover = models.ImageField(_("cover image"), upload_to="content/news/%Y/%m/", blank=True)
    cover_thumbnail = models.ImageField(upload_to="content/news/thumbs/%Y/%m/", blank=True)
    cover_alt = models.CharField(_("cover description"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [_published_has_time("content_news")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("content:news_detail", args=[self.pk])


class Page(Publishable):
    """A page of a section (a tree: «Наша Югра» → «История» → …), found by its slug path."""

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    slug = models.SlugField(_("address part"), max_length=80)
    path = models.CharField(max_length=400, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    lead = models.CharField(_("lead"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    byline = models.CharField(
        _("author"),
        max_length=200,
        blank=True,
        help_text=_("The name under which an invited author publishes, e.g. a historian."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_menu = models.BooleanField(_("in the site menu"), default=False)

    class Meta:
        ordering = ["order", "title"]
        constraints = [_published_has_time("content_page")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("content:page", args=[self.path])


class MaterialKind(models.TextChoices):
    METHODOLOGICAL = "methodological", _("methodological material")
    BEST_PRACTICE = "best_practice", _("best practices")
    EDUCATIONAL = "educational", _("educational project")


class Material(Publishable):
    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [_published_has_time("content_material")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("content:material", args=[self.pk])


class MaterialFile(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="content/materials/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class KbCategory(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class KbEntry(Publishable):
    """A question and its answer in the knowledge base."""

    category = models.ForeignKey(KbCategory, on_delete=models.PROTECT, related_name="entries")
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["category__order", "order", "question"]
        constraints = [_published_has_time("content_kbentry")]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("content:kb_entry", args=[self.pk])


class KbFeedback(models.Model):
    """«Был ли ответ полезен?»: one answer per person, or per session for a guest."""

    entry = models.ForeignKey(KbEntry, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True
    )
    session_key = models.CharField(max_length=64, blank=True)
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "user"],
                condition=Q(user__isnull=False),
                name="content_feedback_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["entry", "session_key"],
                condition=Q(user__isnull=True),
                name="content_feedback_once_per_session",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(session_key=""),
                name="content_feedback_has_person_or_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.helpful}"


class Event(Publishable):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            _published_has_time("content_event"),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="content_event_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("content:event", args=[self.pk])


class EventAttendance(models.Model):
    """A resident's «Пойду»: one per person and event; `reminded_at` once the reminder went."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="content_attend_once"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.user_id}"


class OpenGovernmentMember(models.Model):
    """A municipality taking part in open government (seed 000's map): since when and what it
    practises; shown on /open-government/ (the demo fills it; an editing page is not built)."""

    municipality = models.OneToOneField(
        "territory.Municipality",
        on_delete=models.CASCADE,
        related_name="open_government",
        verbose_name=_("municipality"),
    )
    joined_on = models.DateField(_("takes part since"))
    practices = models.TextField(_("practices"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("municipality in open government")
        verbose_name_plural = _("municipalities in open government")
        ordering = ["municipality__name"]

    def __str__(self) -> str:
        return str(self.municipality)
