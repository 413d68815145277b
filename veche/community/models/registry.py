"""The registries of seed 002 (ЕЛКА): NGOs and activists (public profiles a resident opts into),
each shown once a moderator approves it and marked verified when he has checked the evidence;
the links ("partners") between NGOs, activists and community projects; and their news.

An NGO, an activist and a project have one main `direction` (of the grants contest's 18) and a
municipality, so the lists filter on indexed columns; `search_stems` keeps the Snowball stems of
the names and descriptions for the Russian search (veche/search/text.py), with a trigram index
on PostgreSQL (migration 0003)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Direction(models.TextChoices):
    """The 18 grant directions of the individuals' contest (seed 002)."""

    SOCIAL = "social", _("social services and support")
    HEALTH = "health", _("health and a healthy way of life")
    FAMILY = "family", _("family, motherhood and childhood")
    YOUTH = "youth", _("youth initiatives")
    EDUCATION = "education", _("science, education and enlightenment")
    CULTURE = "culture", _("culture and art")
    MEMORY = "memory", _("historical memory")
    SPORT = "sport", _("physical culture and sport")
    ENVIRONMENT = "environment", _("environment protection")
    ANIMALS = "animals", _("animal protection")
    LOCAL = "local", _("local community and self-government")
    HARMONY = "harmony", _("interethnic and interfaith harmony")
    RIGHTS = "rights", _("human rights")
    NATIVE = "native", _("indigenous peoples of the North")
    PATRIOTIC = "patriotic", _("patriotic education")
    VOLUNTEERING = "volunteering", _("volunteering")
    CIVIL = "civil", _("civil society institutions")
    MEDIA = "media", _("media and communications")


class OrganizationKind(models.TextChoices):
    SO_NKO = "so_nko", _("socially oriented NGO")
    VOLUNTEER = "volunteer", _("volunteer association")
    TOS = "tos", _("territorial public self-government")
    GROUP = "group", _("initiative group")
    OTHER = "other", pgettext_lazy("organization kind", "other")


class Review(models.TextChoices):
    PENDING = "pending", _("awaiting a moderator")
    APPROVED = "approved", _("in the registry")
    REJECTED = "rejected", pgettext_lazy("registry entry", "rejected")


class Entry(models.Model):
    """What an NGO and an activist share: where and what they work on, the moderator's review
    (only approved entries are public) and his verification with evidence."""

    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Review.choices, default=Review.PENDING
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    search_stems = models.TextField(default="", editable=False)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == Review.APPROVED


class Activist(Entry):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activist"
    )
    name = models.CharField(_("name shown"), max_length=120)
    about = models.TextField(_("about"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("activist")
        verbose_name_plural = _("activists")
        indexes = [
            models.Index(fields=["status", "name", "id"], name="community_act_list"),
            models.Index(fields=["status", "municipality", "name", "id"], name="community_act_mun"),
            models.Index(fields=["status", "direction", "name", "id"], name="community_act_dir"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:activist", args=[self.pk])


class Organization(Entry):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=OrganizationKind.choices)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_organizations",
        verbose_name=_("registered by"),
    )
    leader = models.ForeignKey(
        Activist,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_organizations",
        verbose_name=_("leader"),
    )
    member_count = models.PositiveIntegerField(_("members"), default=0, editable=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contacts_public = models.BooleanField(_("show the contacts to everybody"), default=False)

    class Meta:
        verbose_name = _("NGO")
        verbose_name_plural = _("NGOs")
        indexes = [
            models.Index(fields=["status", "name", "id"], name="community_org_list"),
            models.Index(fields=["status", "municipality", "name", "id"], name="community_org_mun"),
            models.Index(fields=["status", "direction", "name", "id"], name="community_org_dir"),
            models.Index(fields=["status", "kind", "name", "id"], name="community_org_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:organization", args=[self.pk])


class Membership(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    activist = models.ForeignKey(Activist, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "activist"], name="community_membership_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activist_id} → {self.organization_id}"


class LinkKind(models.TextChoices):
    ORGANIZATION = "organization", _("NGO")
    ACTIVIST = "activist", _("activist")
    PROJECT = "project", _("community project")


class Link(models.Model):
    """Two entries of the registries that work together ("partners"), stored once: the smaller
    (kind, id) pair first, which the database checks, so A–B and B–A are one row."""

    a_kind = models.CharField(max_length=12, choices=LinkKind.choices)
    a_id = models.PositiveIntegerField()
    b_kind = models.CharField(max_length=12, choices=LinkKind.choices)
    b_id = models.PositiveIntegerField()
    note = models.CharField(_("what they do together"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        indexes = [models.Index(fields=["b_kind", "b_id"], name="community_link_b")]
        constraints = [
            models.UniqueConstraint(
                fields=["a_kind", "a_id", "b_kind", "b_id"], name="community_link_once"
            ),
            models.CheckConstraint(
                condition=Q(a_kind__lt=F("b_kind")) | Q(a_kind=F("b_kind"), a_id__lt=F("b_id")),
                name="community_link_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.a_kind}:{self.a_id} — {self.b_kind}:{self.b_id}"


class News(models.Model):
    """A piece of news of an NGO, an activist or a project (its `owner_kind` and id); the body
    is rich text, sanitized by `core.sanitize` before it is stored."""

    owner_kind = models.CharField(max_length=12, choices=LinkKind.choices)
    owner_id = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_news",
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True, db_index=True)
    # Shown once approved: a member's news waits for a moderator, a moderator's is approved.
    status = models.CharField(
        _("status"), max_length=10, choices=Review.choices, default=Review.APPROVED
    )

    class Meta:
        verbose_name = _("registry news")
        verbose_name_plural = _("registry news")
        indexes = [
            models.Index(
                fields=["owner_kind", "owner_id", "-published_at"], name="community_news_owner"
            )
        ]

    def __str__(self) -> str:
        return self.title
