"""What the reports app keeps of a resident besides his reports: the reports he follows and
supports, the publications he attached and his catalogue proposals — exported, and on deletion
his follows and pending proposals go and the reasons he wrote are blanked."""

from veche.accounts.privacy import json_value


def export_section(user) -> dict:
    from .models import PressLink

    return {
        "followed_reports": list(user.report_follows.values_list("report_id", flat=True)),
        "supported_reports": list(user.report_supports.values_list("report_id", flat=True)),
        "press_links": [
            {"report": link.report_id, "url": link.url, "title": link.title}
            for link in PressLink.objects.filter(added_by=user)
        ],
        "catalogue_proposals": [
            {
                "kind": proposal.kind,
                "name": proposal.name,
                "reason": proposal.reason,
                "state": proposal.state,
                "created_at": json_value(proposal.created_at),
            }
            for proposal in user.catalogue_proposals.all()
        ],
    }


def deletion_hook(user) -> None:
    from .models import CatalogueProposal

    user.report_follows.all().delete()
    proposals = user.catalogue_proposals.all()
    proposals.filter(state=CatalogueProposal.State.PENDING).delete()
    proposals.update(reason="—")
