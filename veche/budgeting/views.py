"""Contest pages, mounted under /budgeting/: the list (open, upcoming, past); a contest's page (its
stages, terms, documents); the organizer's builder (terms, stages, documents, publication). Each
post parses its form, calls ONE service and redirects with a message, or shows the page again
with the form's errors (status 400). Everything works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from veche.core import ratelimit
from veche.core.forms import error_text, service_errors
from veche.media.responses import attachment, download_name
from veche.staff.models import Role
from veche.staff.predicates import is_regional_admin, municipality_scope
from veche.territory.models import Municipality

from . import selectors, services
from .forms import ContestForm, DocumentForm, StagesForm
from .models import SOURCE_LABELS, Contest, ContestDocument
from .rules import stage_refusal
from .services.contests import publish_errors
from .stages import APPLICATIONS
from .throttle import edit_slot


def _contest(request: HttpRequest, pk: int) -> Contest:
    """The contest if the user may see it (published, or his to organize); 404 otherwise, so a
    draft's existence is not told to others."""
    try:
        contest = selectors.contest_detail(pk)
    except Contest.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("budgeting.view_contest", contest):
        raise Http404
    return contest


def _managed(request: HttpRequest, pk: int) -> Contest:
    contest = _contest(request, pk)
    if not request.user.has_perm("budgeting.manage_contest", contest):
        raise PermissionDenied(_("Only the contest's organizers change it."))
    return contest


@require_GET
def contest_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.split_by_time(selectors.contests_for(request.user))
    return render(request, "budgeting/contest_list.html", {"groups": groups})


@require_GET
def contest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    managing = request.user.has_perm("budgeting.manage_contest", contest)
    context = {
        "contest": contest,
        "steps": selectors.steps(contest),
        "current": contest.current_stage,
        "shares": [(SOURCE_LABELS[s], v) for s, v in contest.min_shares().items() if v],
        "applications_note": stage_refusal(contest, APPLICATIONS),
        "managing": managing,
        "problems": publish_errors(contest) if managing and not contest.is_published else [],
        "template_fields": selectors.template_fields(contest, drafts=managing),
        "criteria": list(contest.criteria.order_by("position")),
        "can_apply": request.user.has_perm("budgeting.apply_to_contest", contest),
        "apply_directly": _applies_directly(request.user, contest),
        "can_review": request.user.has_perm("budgeting.view_review_queue", contest),
    }
    return render(request, "budgeting/contest_detail.html", context)


def _applies_directly(user, contest: Contest) -> bool:
    """A municipal admin applies for his municipality (regional contests); anyone in his own
    name where the contest takes individuals. Groups apply from their workspace."""
    if contest.accepts_municipalities:
        return bool(is_regional_admin(user) or municipality_scope(user, Role.MUNICIPAL_ADMIN))
    return contest.accepts_individuals


def _limit_territories(form: ContestForm, user) -> None:
    """Offer the organizer the territories he may run a contest for."""
    if is_regional_admin(user):
        return
    scope = municipality_scope(user, Role.MUNICIPAL_ADMIN) or set()
    territory = form.fields["municipality"]
    territory.queryset = Municipality.objects.filter(pk__in=scope).order_by("name")
    territory.required = True
    territory.empty_label = _("— choose a municipality —")
    territory.error_messages["required"] = _("Choose the contest's municipality.")


def _limited(request: HttpRequest, form) -> bool:
    form.add_error(None, _("Too many changes in a short time. Try again in a few minutes."))
    return True


@login_required
def contest_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("budgeting.organize_contests"):
        raise PermissionDenied(_("Only municipal and regional administrators run contests."))
    form = ContestForm(request.POST or None)
    _limit_territories(form, request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                contest = services.contest_create(user=request.user, terms=form.terms())
        except ratelimit.Limited:
            _limited(request, form)
        if not form.errors:
            messages.success(request, _("The contest is saved as a draft. Now set its stages."))
            return redirect("budgeting:stages", pk=contest.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "budgeting/contest_form.html", {"form": form}, status=status)


@login_required
def contest_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    if request.method == "POST":
        form = ContestForm(request.POST)
    else:
        form = ContestForm.for_contest(contest)
    _limit_territories(form, request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                services.contest_update(user=request.user, contest=contest, terms=form.terms())
        except ratelimit.Limited:
            _limited(request, form)
        if not form.errors:
            messages.success(request, _("The contest's terms are saved."))
            return redirect(contest)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "budgeting/contest_form.html", {"form": form, "contest": contest}, status=status
    )


@login_required
def contest_stages(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    form = StagesForm(request.POST or None, contest=contest)
    if request.method == "POST" and form.is_valid():
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                services.contest_set_stages(
                    user=request.user, contest=contest, stages=form.stages()
                )
        except ratelimit.Limited:
            _limited(request, form)
        if not form.errors:
            messages.success(request, _("The stages are saved."))
            return redirect(contest)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "budgeting/contest_stages.html", {"form": form, "contest": contest}, status=status
    )


@login_required
def contest_documents(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                services.contest_add_document(
                    user=request.user,
                    contest=contest,
                    title=form.cleaned_data["title"],
                    file=form.cleaned_data["file"],
                )
        except ratelimit.Limited:
            _limited(request, form)
        if not form.errors:
            messages.success(request, _("The document is attached."))
            return redirect("budgeting:documents", pk=contest.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "budgeting/contest_documents.html",
        {"form": form, "contest": contest, "documents": contest.documents.all()},
        status=status,
    )


@login_required
@require_POST
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(ContestDocument.objects.select_related("contest"), pk=pk)
    contest = _managed(request, document.contest_id)
    services.contest_remove_document(user=request.user, document=document)
    messages.success(request, _("The document is removed."))
    return redirect("budgeting:documents", pk=contest.pk)


@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(ContestDocument.objects.select_related("contest"), pk=pk)
    if not request.user.has_perm("budgeting.view_contest", document.contest):
        raise Http404
    name = download_name(document.title, document.content_type)
    return attachment(document.file, filename=name, content_type=document.content_type)


@login_required
@require_POST
def contest_publish(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    try:
        with edit_slot(request.user):
            services.contest_publish(user=request.user, contest=contest)
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The contest is published: residents see it now."))
    return redirect(contest)
