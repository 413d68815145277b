"""Applications: the application form (saved as a draft at every step, no JavaScript needed),
the application's page with its revisions and the reviewers' decisions, applying as a
municipality or an individual, the reviewers' queue and the organizer's list of reviewers (the
groups' pages: views_groups.py). Each post calls ONE service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.http import require_POST

from veche.accounts.models import User
from veche.core import ratelimit
from veche.core.components import Tab
from veche.core.forms import error_text, service_errors
from veche.media.responses import attachment, download_name
from veche.staff.models import Role
from veche.staff.predicates import municipality_scope
from veche.territory.maps import map_settings, place_bounds
from veche.territory.models import Municipality

from . import selectors
from .application_forms import (
    ApplicationForm,
    RejectForm,
    ReviewerForm,
    RevisionForm,
    StartForm,
)
from .models import Application, ApplicationFile, Contest, ContestReviewer
from .services import applications as service
from .services import review
from .throttle import edit_slot
from .views import _contest, _managed

QUEUE_PER_PAGE = 50
QUEUE_TABS = {
    "submitted": pgettext_lazy("review queue", "Waiting for review"),
    "revision": pgettext_lazy("review queue", "On revision"),
    "admitted": pgettext_lazy("review queue", "Admitted"),
    "rejected": pgettext_lazy("review queue", "Rejected"),
}


def _limited(form) -> None:
    form.add_error(None, _("Too many changes in a short time. Try again in a few minutes."))


def _run(request, form, call, slot=edit_slot):
    """Call the service under the user's rate-limit slot; its refusals land on the form."""
    result = None
    try:
        with slot(request.user), service_errors(form, refusal_on_form=True):
            result = call()
    except ratelimit.Limited:
        _limited(form)
    return result


# --- An application -----------------------------------------------------------------------------


def _application(request: HttpRequest, pk: int) -> Application:
    try:
        application = selectors.application_detail(pk)
    except Application.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("budgeting.view_application", application):
        raise Http404
    return application


def application_detail(request: HttpRequest, pk: int, *, revision_form=None, reject_form=None):
    application = _application(request, pk)
    reviewing = request.user.has_perm("budgeting.review_application", application)
    context = {
        "application": application,
        "rows": selectors.answer_rows(application),
        "money": selectors.money_rows(application),
        "timeline": application.timeline.select_related("actor").order_by("created_at", "pk"),
        "remarks": selectors.latest_remarks(application),
        "revisions": list(application.revisions.order_by("number")),
        "can_edit": request.user.has_perm("budgeting.edit_application", application),
        "can_submit": request.user.has_perm("budgeting.submit_application", application),
        "reviewing": reviewing,
        "can_extend": request.user.has_perm("budgeting.extend_revision", application),
        "can_see_files": request.user.has_perm("budgeting.view_application_files", application),
        "revision_form": revision_form
        or (RevisionForm(application=application) if reviewing else None),
        "reject_form": reject_form or RejectForm(),
        "checklist": list(application.contest.checklist.order_by("position")) if reviewing else [],
    }
    status = 400 if revision_form or reject_form else 200
    return render(request, "budgeting/application.html", context, status=status)


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not request.user.has_perm("budgeting.edit_application", application):
        raise PermissionDenied(_("This application cannot be changed now."))
    form = ApplicationForm(request.POST or None, request.FILES or None, application=application)
    if request.method == "POST" and form.is_valid():
        _run(
            request,
            form,
            lambda: service.application_save(
                user=request.user,
                application=application,
                title=form.cleaned_data["title"],
                answers=form.answers(),
                money_in=form.money(),
                uploads=form.uploads(),
            ),
        )
        if not form.errors and "submit" in request.POST:
            _run(
                request,
                form,
                lambda: service.application_submit(user=request.user, application=application),
            )
            if not form.errors:
                messages.success(request, _("The application is submitted."))
                return redirect(application)
        elif not form.errors:
            messages.success(request, pgettext("application", "The draft is saved."))
            return redirect("budgeting:application_edit", pk=application.pk)
    status = 400 if form.is_bound and form.errors else 200
    files = {f.key: f for f in application.files.order_by("pk")}
    context = {"application": application, "form": form, "files": files}
    if form.has_location:
        context |= {"map": map_settings(), "bounds": place_bounds(application.municipality_id)}
    return render(request, "budgeting/application_form.html", context, status=status)


def _act(request: HttpRequest, application: Application, call, done: str) -> HttpResponse:
    try:
        with edit_slot(request.user):
            call()
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, done)
    return redirect(application)


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    return _act(
        request,
        application,
        lambda: service.application_submit(user=request.user, application=application),
        _("The application is submitted."),
    )


@login_required
@require_POST
def application_revision(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = RevisionForm(request.POST, application=application)
    if form.is_valid():
        _run(
            request,
            form,
            lambda: review.application_request_revision(
                user=request.user,
                application=application,
                remarks=form.remarks(),
                days=form.cleaned_data["days"],
            ),
        )
        if not form.errors:
            messages.success(request, _("The application is returned for revision."))
            return redirect(application)
    return application_detail(request, pk, revision_form=form)


@login_required
@require_POST
def application_admit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    return _act(
        request,
        application,
        lambda: review.application_admit(
            user=request.user,
            application=application,
            checked={int(v) for v in request.POST.getlist("checked") if v.isdigit()},
        ),
        _("The application is admitted."),
    )


@login_required
@require_POST
def application_reject(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        _run(
            request,
            form,
            lambda: review.application_reject(
                user=request.user,
                application=application,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            ),
        )
        if not form.errors:
            messages.success(request, _("The application is rejected."))
            return redirect(application)
    return application_detail(request, pk, reject_form=form)


@login_required
@require_POST
def application_extend(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    days = request.POST.get("days", "")
    return _act(
        request,
        application,
        lambda: review.application_extend(
            user=request.user, application=application, days=int(days) if days.isdigit() else 0
        ),
        _("The revision is extended."),
    )


def application_file(request: HttpRequest, pk: int) -> HttpResponse:
    stored = get_object_or_404(ApplicationFile.objects.select_related("application"), pk=pk)
    application = _application(request, stored.application_id)
    if not request.user.has_perm("budgeting.view_application_files", application):
        raise Http404
    name = download_name(stored.name, stored.content_type)
    return attachment(stored.file, filename=name, content_type=stored.content_type, private=True)


@login_required
def application_revisions(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    context = {
        "application": application,
        "can_see_files": request.user.has_perm("budgeting.view_application_files", application),
        **selectors.revision_table(application),
    }
    return render(request, "budgeting/revisions.html", context)


# --- Applying as a municipality or an individual ------------------------------------------------


@login_required
def contest_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """A municipality's admin (regional contests) or an individual starts an application."""
    contest = _contest(request, pk)
    municipalities = None
    kind = Application.Kind.INDIVIDUAL
    if contest.accepts_municipalities:
        kind = Application.Kind.MUNICIPALITY
        scope = municipality_scope(request.user, Role.MUNICIPAL_ADMIN)
        municipalities = (
            Municipality.objects.order_by("name")
            if scope is None
            else Municipality.objects.filter(pk__in=scope).order_by("name")
        )
    form = StartForm(
        request.POST or None,
        contests=Contest.objects.filter(pk=contest.pk),
        municipalities=municipalities,
        initial={"contest": contest.pk},
    )
    if request.method == "POST" and form.is_valid():
        application = _run(
            request,
            form,
            lambda: service.application_start(
                user=request.user,
                contest=contest,
                kind=kind,
                municipality=form.cleaned_data.get("municipality"),
                title=form.cleaned_data["title"],
            ),
        )
        if not form.errors:
            messages.success(request, _("The application is started: fill it in."))
            return redirect("budgeting:application_edit", pk=application.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "budgeting/apply.html", {"contest": contest, "form": form}, status=status
    )


# --- Reviewers ----------------------------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewers' queue: a tab per status with its count, 50 applications a page, so the
    grants contest's 1,162 cost what 5 do (bench/, docs/benchmarks.md)."""
    contest = _contest(request, pk)
    if not request.user.has_perm("budgeting.view_review_queue", contest):
        raise PermissionDenied(_("Only the contest's technical reviewers see its queue."))
    counts = selectors.queue_counts(contest)
    status = request.GET.get("status")
    if status not in counts:
        status = "submitted"
    page = Paginator(selectors.review_queue(contest, status), QUEUE_PER_PAGE)
    tabs = [
        Tab(label=QUEUE_TABS[name], url=f"?status={name}", count=n, current=name == status)
        for name, n in counts.items()
    ]
    context = {
        "contest": contest,
        "tabs": tabs,
        "title": QUEUE_TABS[status],
        "status": status,
        "page": page.get_page(request.GET.get("page")),
    }
    return render(request, "budgeting/review_queue.html", context)


@login_required
def review_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from .export import queue_export

    if fmt not in ("csv", "xlsx"):
        raise Http404
    contest = _contest(request, pk)
    if not request.user.has_perm("budgeting.view_review_queue", contest):
        raise PermissionDenied(_("Only the contest's technical reviewers see its queue."))
    return queue_export(request, contest, fmt)


@login_required
def reviewers(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    form = ReviewerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        _run(
            request,
            form,
            lambda: review.reviewer_add(user=request.user, contest=contest, reviewer=person),
        )
        if not form.errors:
            messages.success(request, _("The reviewer is named."))
            return redirect("budgeting:reviewers", pk=contest.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "contest": contest,
        "form": form,
        "members": contest.reviewers.select_related("user").order_by("created_at"),
    }
    return render(request, "budgeting/reviewers.html", context, status=status)


@login_required
@require_POST
def reviewer_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(ContestReviewer, pk=pk)
    _managed(request, membership.contest_id)
    review.reviewer_remove(user=request.user, membership=membership)
    messages.success(request, _("The reviewer is removed."))
    return redirect(reverse("budgeting:reviewers", args=[membership.contest_id]))
