"""Changes to voting points and their staff, and the resident behind a paper ballot.

Each service checks its named rule (rules.py), locks what it checks against, writes in one
transaction and leaves one row in the staff audit log (veche.staff.services.audit_log). These are
staff actions on platform data, not domain transitions: they record no event; the ballot a module
casts for a paper voter records its own.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy

from veche.accounts.models import User
from veche.accounts.phones import normalize_phone
from veche.accounts.predicates import is_active_user
from veche.accounts.services import account_create_passwordless
from veche.core.text import clean_text
from veche.staff.services import audit_log
from veche.territory.models import Municipality

from .models import ALREADY_MEMBER, TITLE_TAKEN, VotingPoint, VotingPointMember
from .predicates import forget_points, is_operator_for_point

NOT_MANAGER = gettext_lazy(
    "Only the municipal admin of this municipality or the regional admin manages its voting points."
)
NOT_POINT_STAFF = gettext_lazy(
    "Only an operator who staffs this voting point, while it is active, enters paper ballots here."
)
NOT_OPERATOR = gettext_lazy(
    "Only a contact-centre operator of this municipality can enter ballots at its voting points. "
    "Give the person the operator role first."
)
NOT_MEMBER = gettext_lazy("This person does not enter ballots at this point.")
NO_CONTACT = gettext_lazy("Give the voter's phone or e-mail.")
TWO_ACCOUNTS = gettext_lazy(
    "This phone and this e-mail belong to two different accounts. Give one of them."
)
CLOSED_ACCOUNT = gettext_lazy(
    "The account with this phone or e-mail is blocked or deleted; the person cannot vote with it."
)


def _require(user, perm: str, obj, message) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(str(message))


def _lock(point: VotingPoint) -> VotingPoint:
    """Re-read the point under a row lock: the state we check is the state we change."""
    return VotingPoint.objects.select_for_update().select_related("municipality").get(pk=point.pk)


def _point_details(point: VotingPoint) -> dict:
    return {
        "title": point.title,
        "address": point.address,
        "municipality_id": point.municipality_id,
        "is_active": point.is_active,
    }


def _save(point: VotingPoint) -> None:
    """Validate and save; a title the municipality already has is the title field's error (the
    unique constraint backs it against a twin saved a moment ago)."""
    point.full_clean(validate_constraints=False)
    taken = VotingPoint.objects.filter(municipality=point.municipality_id, title=point.title)
    if taken.exclude(pk=point.pk).exists():
        raise ValidationError({"title": [str(TITLE_TAKEN)]}, code="title_taken")
    try:
        with transaction.atomic():
            point.save()
    except IntegrityError as error:
        raise ValidationError({"title": [str(TITLE_TAKEN)]}, code="title_taken") from error


# --- Points ----------------------------------------------------------------------------------


def voting_point_create(
    *,
    actor,
    municipality: Municipality,
    title: str,
    address: str,
    note: str = "",
    is_active: bool = True,
) -> VotingPoint:
    _require(actor, "voting.add_votingpoint", municipality, NOT_MANAGER)
    point = VotingPoint(
        municipality=municipality,
        title=clean_text(title).strip(),
        address=clean_text(address).strip(),
        note=clean_text(note).strip(),
        is_active=is_active,
        created_by=actor,
    )
    with transaction.atomic():
        _save(point)
        audit_log(
            actor=actor, action="voting.point_create", target=point, details=_point_details(point)
        )
    return point


def voting_point_update(
    *, actor, point: VotingPoint, title: str, address: str, note: str = "", is_active: bool
) -> VotingPoint:
    """Change a point's title, address, note and whether it accepts ballots. Its municipality
    stays (a point elsewhere is a new point)."""
    _require(actor, "voting.change_votingpoint", point, NOT_MANAGER)
    with transaction.atomic():
        point = _lock(point)
        before = _point_details(point)
        point.title = clean_text(title).strip()
        point.address = clean_text(address).strip()
        point.note = clean_text(note).strip()
        point.is_active = is_active
        _save(point)
        changed = {k: v for k, v in _point_details(point).items() if before[k] != v}
        audit_log(
            actor=actor,
            action="voting.point_update",
            target=point,
            details={"before": {k: before[k] for k in changed}, "after": changed},
        )
    return point


# --- Members ---------------------------------------------------------------------------------


def voting_point_member_grant(*, actor, point: VotingPoint, user: User) -> VotingPointMember:
    """Let an operator of the point's municipality enter paper ballots at the point."""
    _require(actor, "voting.manage_votingpoint_members", point, NOT_MANAGER)
    with transaction.atomic():
        point = _lock(point)
        if not is_active_user(user) or not is_operator_for_point(user, point):
            raise ValidationError({"user": [str(NOT_OPERATOR)]}, code="not_operator")
        if VotingPointMember.objects.filter(point=point, user=user).exists():
            raise ValidationError({"user": [str(ALREADY_MEMBER)]}, code="already_member")
        member = VotingPointMember(point=point, user=user, granted_by=actor)
        member.full_clean()
        try:
            with transaction.atomic():
                member.save()
        except IntegrityError as error:  # granted by someone else a moment ago
            raise ValidationError({"user": [str(ALREADY_MEMBER)]}) from error
        audit_log(
            actor=actor,
            action="voting.member_grant",
            target=point,
            details={"user_id": user.pk, "user_email": user.email},
        )
    forget_points(user)
    return member


def voting_point_member_revoke(*, actor, point: VotingPoint, user: User) -> None:
    """Take the point away from a member. The ballots he entered stay."""
    _require(actor, "voting.manage_votingpoint_members", point, NOT_MANAGER)
    with transaction.atomic():
        point = _lock(point)
        deleted, _rows = VotingPointMember.objects.filter(point=point, user=user).delete()
        if not deleted:
            raise ValidationError({"user": [str(NOT_MEMBER)]}, code="not_member")
        audit_log(
            actor=actor,
            action="voting.member_revoke",
            target=point,
            details={"user_id": user.pk, "user_email": user.email},
        )
    forget_points(user)


# --- Paper voters ----------------------------------------------------------------------------


def paper_voter(
    *,
    actor,
    point: VotingPoint,
    phone: str = "",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    """The account of the resident whose paper ballot `actor` enters at `point`: found by phone
    (else by e-mail), or a new account without a password (as the contact centre makes one:
    accounts.services.account_create_passwordless), which the resident may claim later.

    Call it inside the transaction that casts the ballot, so a refused ballot leaves no new
    account. The one-ballot rule then holds across channels: a resident who voted on the portal
    has this same account. Raises PermissionDenied (not the point's staff) or ValidationError
    keyed `phone`/`email`."""
    _require(actor, "voting.enter_paper_ballot", point, NOT_POINT_STAFF)
    phone, email = phone.strip(), email.strip().lower()
    if not phone and not email:
        raise ValidationError({"phone": [str(NO_CONTACT)]}, code="no_contact")
    if phone:
        phone = _normalized(phone)
    with transaction.atomic():
        # Checked again on the locked row: a point closed meanwhile takes no more ballots.
        point = _lock(point)
        _require(actor, "voting.enter_paper_ballot", point, NOT_POINT_STAFF)
        voter, created = _find_or_create(phone, email, first_name, last_name)
        audit_log(
            actor=actor,
            action="voting.paper_voter",
            target=point,
            details={"user_id": voter.pk, "created": created, "by": "phone" if phone else "email"},
        )
    return voter


def _normalized(phone: str) -> str:
    try:
        return normalize_phone(phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}, code="invalid_phone") from error


def _find_or_create(phone: str, email: str, first_name: str, last_name: str) -> tuple[User, bool]:
    by_phone = User.objects.filter(phone=phone).first() if phone else None
    by_email = User.objects.filter(email__iexact=email).first() if email else None
    if by_phone and by_email and by_phone.pk != by_email.pk:
        raise ValidationError({"email": [str(TWO_ACCOUNTS)]}, code="two_accounts")
    found = by_phone or by_email
    if found is not None:
        if not is_active_user(found):
            raise ValidationError({"phone" if by_phone else "email": [str(CLOSED_ACCOUNT)]})
        return found, False
    voter = account_create_passwordless(
        email=email, phone=phone, first_name=first_name, last_name=last_name
    )
    if phone and not voter.phone:
        # Made by e-mail: keep the phone too, so the next paper ballot by phone finds him.
        voter.phone = phone
        voter.save(update_fields=["phone"])
    return voter, True
