"""What the expert commission keeps of a person: his seats (contest, role), the conflicts he
declared, his scores with their comments, his signatures and refusals, the certificates he
registered — exported. On deletion his registered certificates go (their subjects name him),
his seats on which he scored nothing go; his scores, declared conflicts and signatures stay as
the commission's signed record (accounts anonymises his name; a signature holds his certificate,
which is what makes it verifiable)."""

from veche.accounts.privacy import json_value

from .models import Assignment, Score, SheetSignature


def export_section(user) -> dict:
    return {
        "commission_seats": [
            {"contest": s.contest_id, "role": s.role, "since": json_value(s.created_at)}
            for s in user.commission_seats.order_by("pk")
        ],
        "conflicts_of_interest": [
            {
                "application": a.application_id,
                "note": a.conflict_note,
                "declared_at": json_value(a.conflict_declared_at),
            }
            for a in Assignment.objects.filter(
                member__user=user, conflict_declared_at__isnull=False
            ).order_by("pk")
        ],
        "scores": [
            {
                "application": s.assignment.application_id,
                "criterion": s.criterion.title,
                "score": str(s.value),
                "comment": s.comment,
            }
            for s in Score.objects.filter(assignment__member__user=user)
            .select_related("assignment", "criterion")
            .order_by("pk")
        ],
        "sheet_signatures": [
            {
                "sheet": s.sheet_id,
                "refused": s.refused,
                "refusal_reason": s.refusal_reason,
                "certificate_sha256": s.certificate_sha256,
                "signing_time": json_value(s.signing_time),
            }
            for s in SheetSignature.objects.filter(member__user=user).order_by("pk")
        ],
        "signing_certificates": [
            {"sha256": c.sha256, "subject": c.subject, "not_after": json_value(c.not_after)}
            for c in user.signing_certificates.order_by("pk")
        ],
    }


def deletion_hook(user) -> None:
    user.signing_certificates.all().delete()
    user.commission_seats.exclude(assignments__scores__isnull=False).exclude(
        pk__in=SheetSignature.objects.values("member_id")
    ).delete()
