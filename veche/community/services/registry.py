"""Every state change of the registries (docs/community.md, "Registries"): a resident opts into
a public activist profile or registers an NGO (both wait for a moderator), a moderator approves
or rejects an entry and verifies it with evidence (audited), an activist joins an NGO, links
("partners") between entries, and news. Each keeps the entry's search stems up to date."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veche.core.sanitize import sanitize_html
from veche.core.text import clean_text
from veche.events.services import record_event
from veche.search.text import stems
from veche.staff.services import audit_log

from ..models import Activist, Link, LinkKind, Membership, News, Organization, Project, Review

KINDS = {
    LinkKind.ORGANIZATION: Organization,
    LinkKind.ACTIVIST: Activist,
    LinkKind.PROJECT: Project,
}


def kind_of(entry) -> str:
    for kind, model in KINDS.items():
        if isinstance(entry, model):
            return kind
    raise TypeError(f"not a registry entry: {entry!r}")


def entry_stems(entry) -> str:
    """The stems a list searches: names, descriptions, the municipality and direction."""
    municipality = entry.municipality.name if entry.municipality_id else ""
    direction = entry.get_direction_display() if entry.direction else ""
    if isinstance(entry, Activist):
        return stems(entry.name, entry.about, municipality, direction)
    if isinstance(entry, Organization):
        return stems(entry.name, entry.description, municipality, direction)
    return stems(entry.title, entry.description, municipality, direction)


def _text(value: str, field: str) -> str:
    try:
        return clean_text(value or "").strip()
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def activist_save(*, user, name: str, about: str, municipality, direction: str) -> Activist:
    """Create or change the resident's own public profile. A new profile waits for a
    moderator; a change of an approved one stays public (a moderator may still reject it)."""
    if not user.has_perm("community.register_activist"):
        raise PermissionDenied(_("Confirm your e-mail to open a public profile."))
    with transaction.atomic():
        activist = Activist.objects.select_for_update().filter(user=user).first()
        created = activist is None
        activist = activist or Activist(user=user)
        activist.name = _text(name, "name")
        activist.about = _text(about, "about")
        activist.municipality = municipality
        activist.direction = direction
        activist.full_clean(exclude=["search_stems", "user"])
        activist.search_stems = entry_stems(activist)
        activist.save()
        record_event(
            kind="community.activist_opened" if created else "community.activist_changed",
            subject=activist,
            actor=user,
            territory=municipality,
        )
        return activist


def activist_withdraw(*, user) -> bool:
    """The resident closes his public profile: it leaves the registry with its memberships
    and links (his projects stay, without him as their leader)."""
    with transaction.atomic():
        activist = Activist.objects.select_for_update().filter(user=user).first()
        if activist is None:
            return False
        Organization.objects.filter(memberships__activist=activist).update(
            member_count=F("member_count") - 1
        )
        Link.objects.filter(a_kind=LinkKind.ACTIVIST, a_id=activist.pk).delete()
        Link.objects.filter(b_kind=LinkKind.ACTIVIST, b_id=activist.pk).delete()
        News.objects.filter(owner_kind=LinkKind.ACTIVIST, owner_id=activist.pk).delete()
        record_event(kind="community.activist_closed", subject=activist, actor=user)
        activist.delete()
        return True


def organization_register(
    *,
    user,
    name: str,
    kind: str,
    direction: str,
    municipality,
    description: str = "",
    phone: str = "",
    email: str = "",
    website: str = "",
    contacts_public: bool = False,
) -> Organization:
    """A resident registers an NGO; it waits for a moderator. His activist profile, if he has
    one, is its leader."""
    if not user.has_perm("community.register_organization"):
        raise PermissionDenied(_("Confirm your e-mail to register an NGO."))
    with transaction.atomic():
        organization = Organization(
            name=_text(name, "name"),
            kind=kind,
            direction=direction,
            municipality=municipality,
            description=_text(description, "description"),
            phone=_text(phone, "phone"),
            email=email,
            website=website,
            contacts_public=contacts_public,
            registered_by=user,
            leader=Activist.objects.filter(user=user).first(),
        )
        organization.full_clean(exclude=["search_stems"])
        organization.search_stems = entry_stems(organization)
        organization.save()
        record_event(
            kind="community.organization_registered",
            subject=organization,
            actor=user,
            territory=municipality,
        )
        return organization


def _locked(entry):
    return type(entry).objects.select_for_update().get(pk=entry.pk)


def entry_review(*, moderator, entry, approve: bool, reason: str = ""):
    """A moderator lets an NGO or an activist into the public registry, or rejects it (with a
    reason). Audited."""
    if not moderator.has_perm("community.moderate_registry", entry):
        raise PermissionDenied(_("Only a moderator reviews the registries."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the entry is rejected.")}, code="reason")
    with transaction.atomic():
        entry = _locked(entry)
        status = Review.APPROVED if approve else Review.REJECTED
        if entry.status == status:
            raise ValidationError(_("The entry already has this status."), code="same")
        before = entry.status
        entry.status = status
        entry.save(update_fields=["status"])
        kind = kind_of(entry)
        audit_log(
            actor=moderator,
            action=f"community.{kind}_{'approve' if approve else 'reject'}",
            target=entry,
            details={"before": before, "reason": reason[:200]},
        )
        record_event(
            kind=f"community.{kind}_reviewed",
            subject=entry,
            actor=moderator,
            territory=entry.municipality_id,
            payload={"status": status},
        )
        return entry


def entry_verify(*, moderator, entry, evidence: str):
    """A moderator marks an NGO or an activist verified, saying what he checked (a register
    extract, a document, a meeting). Audited."""
    if not moderator.has_perm("community.moderate_registry", entry):
        raise PermissionDenied(_("Only a moderator verifies the registries."))
    evidence = _text(evidence, "evidence")
    if not evidence:
        raise ValidationError({"evidence": _("Say what evidence you checked.")}, code="evidence")
    with transaction.atomic():
        entry = _locked(entry)
        if entry.status != Review.APPROVED:
            raise ValidationError(_("Approve the entry before verifying it."), code="pending")
        entry.verified_at = timezone.now()
        entry.evidence = evidence[:300]
        entry.save(update_fields=["verified_at", "evidence"])
        kind = kind_of(entry)
        audit_log(
            actor=moderator,
            action=f"community.{kind}_verify",
            target=entry,
            details={"evidence": entry.evidence},
        )
        record_event(
            kind=f"community.{kind}_verified",
            subject=entry,
            actor=moderator,
            territory=entry.municipality_id,
        )
        return entry


def organization_join(*, user, organization: Organization) -> Membership:
    """An approved activist joins an approved NGO as a member (once)."""
    activist = Activist.objects.filter(user=user, status=Review.APPROVED).first()
    if activist is None:
        raise PermissionDenied(_("Open a public activist profile to join an NGO."))
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        if organization.status != Review.APPROVED:
            raise ValidationError(_("This NGO is not in the registry."), code="not_public")
        if Membership.objects.filter(organization=organization, activist=activist).exists():
            raise ValidationError(_("You are already a member of this NGO."), code="member")
        membership = Membership.objects.create(organization=organization, activist=activist)
        organization.member_count += 1
        organization.save(update_fields=["member_count"])
        record_event(
            kind="community.member_joined",
            subject=organization,
            actor=user,
            territory=organization.municipality_id,
        )
        return membership


def may_speak_for(user, entry) -> bool:
    """The NGO's leader or registrant, the activist himself, the project's resident."""
    if isinstance(entry, Activist):
        return entry.user_id == user.pk
    if isinstance(entry, Organization):
        return entry.registered_by_id == user.pk or (
            entry.leader_id is not None and entry.leader.user_id == user.pk
        )
    return entry.owner_id == user.pk


def link_add(*, actor, first, second, note: str = "") -> Link:
    """Two entries become partners, linked by one who speaks for either or by a moderator."""
    if not (
        actor.has_perm("community.moderate_registry", first)
        or may_speak_for(actor, first)
        or may_speak_for(actor, second)
    ):
        raise PermissionDenied(_("Only the NGO, the activist or a moderator links them."))
    a, b = sorted([(kind_of(first), first.pk), (kind_of(second), second.pk)])
    if a == b:
        raise ValidationError(_("An entry cannot be its own partner."), code="self")
    try:
        with transaction.atomic():
            link = Link(a_kind=a[0], a_id=a[1], b_kind=b[0], b_id=b[1], note=_text(note, "note"))
            link.full_clean(validate_unique=False, validate_constraints=False)
            link.save()
            record_event(kind="community.link_added", subject=link, actor=actor)
    except IntegrityError:
        raise ValidationError(_("They are already partners."), code="linked") from None
    return link


def news_publish(*, author, owner, title: str, body: str) -> News:
    """News of an NGO, an activist or a project. An NGO's verified members write it from the
    NGO's page (`community.publish_news`); the activist and the project's resident write their
    own. The body is rich text, sanitized before it is stored. A moderator's news is published
    at once; anyone else's waits for a moderator (`news_review`)."""
    moderator = author.has_perm("community.moderate_registry", owner)
    if isinstance(owner, Organization):
        allowed = author.has_perm("community.publish_news", owner)
    else:
        allowed = moderator or may_speak_for(author, owner)
    if not allowed:
        raise PermissionDenied(
            _("Only the NGO's verified members or a moderator publish its news.")
        )
    with transaction.atomic():
        news = News(
            owner_kind=kind_of(owner),
            owner_id=owner.pk,
            title=_text(title, "title"),
            body=sanitize_html(_text(body, "body")).strip(),
            author=author,
            status=Review.APPROVED if moderator else Review.PENDING,
        )
        if not news.body:
            raise ValidationError({"body": _("Write the news.")}, code="required")
        news.full_clean()
        news.save()
        record_event(
            kind="community.news_published",
            subject=news,
            actor=author,
            payload={"status": news.status},
        )
        return news


def news_review(*, moderator, news: News, approve: bool, reason: str = "") -> News:
    """A moderator publishes a member's news or rejects it (with a reason). Audited."""
    if not moderator.has_perm("community.moderate_registry"):
        raise PermissionDenied(_("Only a moderator reviews the registries."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the news is rejected.")}, code="reason")
    with transaction.atomic():
        news = News.objects.select_for_update().get(pk=news.pk)
        if news.status != Review.PENDING:
            raise ValidationError(_("This news has been reviewed already."), code="same")
        news.status = Review.APPROVED if approve else Review.REJECTED
        news.save(update_fields=["status"])
        audit_log(
            actor=moderator,
            action=f"community.news_{'approve' if approve else 'reject'}",
            target=news,
            details={"reason": reason[:200]},
        )
        record_event(
            kind="community.news_reviewed",
            subject=news,
            actor=moderator,
            payload={"status": news.status},
        )
        return news
