from django.urls import path

from . import views, views_applications, views_groups, views_template

app_name = "budgeting"

urlpatterns = [
    path("", views.contest_list, name="list"),
    path("new/", views.contest_new, name="new"),
    path("<int:pk>/", views.contest_detail, name="contest"),
    path("<int:pk>/edit/", views.contest_edit, name="edit"),
    path("<int:pk>/stages/", views.contest_stages, name="stages"),
    path("<int:pk>/documents/", views.contest_documents, name="documents"),
    path("<int:pk>/publish/", views.contest_publish, name="publish"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("documents/<int:pk>/remove/", views.document_remove, name="document_remove"),
]

urlpatterns += [
    path("<int:pk>/template/", views_template.template_page, name="template"),
    path("<int:pk>/template/copy/", views_template.template_copy, name="template_copy"),
    path("<int:pk>/template/publish/", views_template.template_publish, name="template_publish"),
    path("<int:pk>/template/fields/<slug:key>/", views_template.field_edit, name="field"),
    path("<int:pk>/template/fields/<slug:key>/move/", views_template.field_move, name="field_move"),
    path(
        "<int:pk>/template/fields/<slug:key>/remove/",
        views_template.field_remove,
        name="field_remove",
    ),
    path("<int:pk>/criteria/", views_template.criteria_page, name="criteria"),
    path("<int:pk>/checklist/", views_template.checklist_page, name="checklist"),
    path("checklist/<int:pk>/remove/", views_template.checklist_remove, name="checklist_remove"),
    path("criteria/<int:pk>/", views_template.criterion_edit, name="criterion"),
    path("criteria/<int:pk>/remove/", views_template.criterion_remove, name="criterion_remove"),
]

urlpatterns += [
    path("groups/new/", views_groups.group_new, name="group_new"),
    path("groups/<int:pk>/", views_groups.group_detail, name="group"),
    path("groups/<int:pk>/invite/", views_groups.group_invite_view, name="group_invite"),
    path("groups/<int:pk>/apply/", views_groups.group_apply, name="group_apply"),
    path("groups/<int:pk>/idea/", views_groups.group_idea, name="group_idea"),
    path("groups/<int:pk>/leader/", views_groups.group_leader, name="group_leader"),
    path("invitations/<str:token>/", views_groups.invitation, name="invitation"),
    path("applications/<int:pk>/", views_applications.application_detail, name="application"),
    path(
        "applications/<int:pk>/edit/",
        views_applications.application_edit,
        name="application_edit",
    ),
    path(
        "applications/<int:pk>/submit/",
        views_applications.application_submit,
        name="application_submit",
    ),
    path(
        "applications/<int:pk>/revision/",
        views_applications.application_revision,
        name="application_revision",
    ),
    path(
        "applications/<int:pk>/admit/",
        views_applications.application_admit,
        name="application_admit",
    ),
    path(
        "applications/<int:pk>/reject/",
        views_applications.application_reject,
        name="application_reject",
    ),
    path(
        "applications/<int:pk>/extend/",
        views_applications.application_extend,
        name="application_extend",
    ),
    path(
        "applications/<int:pk>/revisions/",
        views_applications.application_revisions,
        name="application_revisions",
    ),
    path("files/<int:pk>/", views_applications.application_file, name="application_file"),
    path("<int:pk>/apply/", views_applications.contest_apply, name="apply"),
    path("<int:pk>/review/", views_applications.review_queue, name="review"),
    path(
        "<int:pk>/review/applications.<str:fmt>",
        views_applications.review_export,
        name="review_export",
    ),
    path("<int:pk>/reviewers/", views_applications.reviewers, name="reviewers"),
    path("reviewers/<int:pk>/remove/", views_applications.reviewer_remove, name="reviewer_remove"),
]

# Public voting, results and their exports (issue 13; views_voting.py).
from . import views_voting  # noqa: E402

urlpatterns += [
    path("<int:pk>/voting/", views_voting.voting_page, name="voting"),
    path("<int:pk>/voting/ballot/", views_voting.ballot_post, name="ballot"),
    path("<int:pk>/voting/terms/", views_voting.voting_terms, name="voting_terms"),
    path("<int:pk>/voting/signals/", views_voting.vote_signals, name="vote_signals"),
    path("<int:pk>/voting/paper/", views_voting.paper_votes, name="paper_votes"),
    path("<int:pk>/results/", views_voting.results_page, name="voting_results"),
    path("<int:pk>/results/compute/", views_voting.results_compute, name="results_compute"),
    path("<int:pk>/results/override/", views_voting.result_override, name="result_override"),
    path("<int:pk>/results/votes.<str:fmt>", views_voting.votes_export, name="votes_export"),
    path("<int:pk>/results/results.<str:fmt>", views_voting.results_export, name="results_export"),
    path("<int:pk>/results/contest.pb", views_voting.pabulib_export, name="pabulib_export"),
]

# The expert commission and its signed evaluation sheet (issue 13, points 1–2).
from . import views_commission, views_sheet  # noqa: E402

urlpatterns += [
    path("<int:pk>/commission/", views_commission.commission_page, name="commission"),
    path(
        "<int:pk>/commission/assign/",
        views_commission.commission_assign,
        name="commission_assign",
    ),
    path(
        "commission/<int:pk>/remove/",
        views_commission.commission_remove,
        name="commission_remove",
    ),
    path("<int:pk>/scoring/", views_commission.scoring_page, name="scoring"),
    path("scoring/<int:pk>/", views_commission.score, name="score"),
    path("scoring/<int:pk>/conflict/", views_commission.conflict, name="conflict"),
    path("<int:pk>/sheet/", views_sheet.sheet_page, name="sheet"),
    path("<int:pk>/sheet/generate/", views_sheet.sheet_generate, name="sheet_generate"),
    path("<int:pk>/sheet/void/", views_sheet.sheet_void, name="sheet_void"),
    path("<int:pk>/sheet/sign/", views_sheet.sheet_sign, name="sheet_sign"),
    path("<int:pk>/sheet/refuse/", views_sheet.sheet_refuse, name="sheet_refuse"),
    path("sheets/<int:pk>/sheet.pdf", views_sheet.sheet_pdf, name="sheet_pdf"),
    path("sheets/<int:pk>/bundle.zip", views_sheet.sheet_bundle, name="sheet_bundle"),
    path("signatures/<int:pk>.p7s", views_sheet.signature_download, name="signature"),
    path("certificates/", views_sheet.certificates, name="certificates"),
    path(
        "certificates/<int:pk>/remove/",
        views_sheet.certificate_remove,
        name="certificate_remove",
    ),
]
