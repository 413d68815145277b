"""The organizer's template builder and criteria, under /budgeting/<id>/template/ and
/budgeting/<id>/criteria/. Each post parses its form, calls ONE service and redirects with a
message, or shows the page again with the errors (status 400). No JavaScript needed: fields move
with «up» and «down» buttons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core import ratelimit
from veche.core.forms import error_text, service_errors

from . import selectors, services
from .models import ChecklistItem, Contest, Criterion
from .services.templates import current_version, draft_version
from .template_forms import CopyForm, CriterionForm, FieldForm
from .throttle import edit_slot
from .views import _managed


def _copy_sources(request: HttpRequest, contest: Contest):
    return selectors.contests_for(request.user).exclude(pk=contest.pk)


def _render_template(
    request: HttpRequest, contest: Contest, *, field_form=None, copy_form=None, status=200
) -> HttpResponse:
    draft = draft_version(contest)
    current = current_version(contest)
    shown = draft or current
    context = {
        "contest": contest,
        "draft": draft,
        "current": current,
        "fields": list(shown.fields.order_by("position")) if shown else [],
        "field_form": field_form or FieldForm(),
        "copy_form": copy_form or CopyForm(sources=_copy_sources(request, contest)),
    }
    return render(request, "budgeting/template.html", context, status=status)


def _run(request: HttpRequest, form, call) -> None:
    """Call the service under the rate limit; its refusals go on the form."""
    try:
        with edit_slot(request.user), service_errors(form, refusal_on_form=True):
            call()
    except ratelimit.Limited:
        form.add_error(None, _("Too many changes in a short time. Try again in a few minutes."))


@login_required
def template_page(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    if request.method != "POST":
        return _render_template(request, contest)
    form = FieldForm(request.POST)
    if form.is_valid():
        _run(
            request,
            form,
            lambda: services.field_add(user=request.user, contest=contest, spec=form.spec()),
        )
        if not form.errors:
            messages.success(request, _("The field is added to the draft of the template."))
            return redirect("budgeting:template", pk=contest.pk)
    return _render_template(request, contest, field_form=form, status=400)


@login_required
def field_edit(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    contest = _managed(request, pk)
    shown = draft_version(contest) or current_version(contest)
    field = shown.fields.filter(key=key).first() if shown else None
    if field is None:
        raise Http404
    form = FieldForm(request.POST) if request.method == "POST" else FieldForm.for_field(field)
    if request.method == "POST" and form.is_valid():
        _run(
            request,
            form,
            lambda: services.field_update(
                user=request.user, contest=contest, key=key, spec=form.spec()
            ),
        )
        if not form.errors:
            messages.success(request, _("The field is saved in the draft of the template."))
            return redirect("budgeting:template", pk=contest.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"contest": contest, "field": field, "form": form}
    return render(request, "budgeting/field_form.html", context, status=status)


@login_required
@require_POST
def field_move(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    contest = _managed(request, pk)
    up = request.POST.get("direction") == "up"
    return _post_and_back_to_template(
        request,
        contest,
        lambda: services.field_move(user=request.user, contest=contest, key=key, up=up),
        _("The field is moved."),
    )


@login_required
@require_POST
def field_remove(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    contest = _managed(request, pk)
    return _post_and_back_to_template(
        request,
        contest,
        lambda: services.field_remove(user=request.user, contest=contest, key=key),
        _("The field is removed from the draft of the template."),
    )


@login_required
@require_POST
def template_publish(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    return _post_and_back_to_template(
        request,
        contest,
        lambda: services.template_publish(user=request.user, contest=contest),
        _("The new version of the template is published: new applications are written on it."),
    )


def _post_and_back_to_template(request: HttpRequest, contest: Contest, call, done: str):
    try:
        with edit_slot(request.user):
            call()
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, done)
    return redirect("budgeting:template", pk=contest.pk)


@login_required
@require_POST
def template_copy(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    form = CopyForm(request.POST, sources=_copy_sources(request, contest))
    if form.is_valid():
        source = form.cleaned_data["source"]
        _run(
            request,
            form,
            lambda: services.template_copy(user=request.user, contest=contest, source=source),
        )
        if not form.errors:
            messages.success(request, _("The template is copied into the draft."))
            return redirect("budgeting:template", pk=contest.pk)
    return _render_template(request, contest, copy_form=form, status=400)


# --- Criteria ---------------------------------------------------------------------------------


@login_required
def criteria_page(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    form = CriterionForm(request.POST or None, contest=contest)
    if request.method == "POST" and form.is_valid():
        _run(
            request,
            form,
            lambda: services.criterion_add(user=request.user, contest=contest, spec=form.spec()),
        )
        if not form.errors:
            messages.success(request, _("The criterion is added."))
            return redirect("budgeting:criteria", pk=contest.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "contest": contest,
        "criteria": list(contest.criteria.order_by("position")),
        "form": form,
        "can_change": request.user.has_perm("budgeting.change_contest", contest),
    }
    return render(request, "budgeting/criteria.html", context, status=status)


def _criterion(request: HttpRequest, pk: int) -> Criterion:
    criterion = get_object_or_404(Criterion.objects.select_related("contest"), pk=pk)
    _managed(request, criterion.contest_id)
    return criterion


@login_required
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    if request.method == "POST":
        form = CriterionForm(request.POST, contest=criterion.contest)
    else:
        form = CriterionForm.for_criterion(criterion)
    if request.method == "POST" and form.is_valid():
        _run(
            request,
            form,
            lambda: services.criterion_update(
                user=request.user, criterion=criterion, spec=form.spec()
            ),
        )
        if not form.errors:
            messages.success(request, _("The criterion is saved."))
            return redirect("budgeting:criteria", pk=criterion.contest_id)
    status = 400 if form.is_bound and form.errors else 200
    context = {"contest": criterion.contest, "criterion": criterion, "form": form}
    return render(request, "budgeting/criterion_form.html", context, status=status)


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    try:
        with edit_slot(request.user):
            services.criterion_remove(user=request.user, criterion=criterion)
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The criterion is removed."))
    return redirect("budgeting:criteria", pk=criterion.contest_id)


# --- The completeness checklist ---------------------------------------------------------------


@login_required
def checklist_page(request: HttpRequest, pk: int) -> HttpResponse:
    from .template_forms import ChecklistForm

    contest = _managed(request, pk)
    form = ChecklistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _run(
            request,
            form,
            lambda: services.checklist_add(
                user=request.user, contest=contest, text=form.cleaned_data["text"]
            ),
        )
        if not form.errors:
            messages.success(request, _("The point is added to the checklist."))
            return redirect("budgeting:checklist", pk=contest.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "contest": contest,
        "items": list(contest.checklist.order_by("position")),
        "form": form,
        "can_change": request.user.has_perm("budgeting.change_contest", contest),
    }
    return render(request, "budgeting/checklist.html", context, status=status)


@login_required
@require_POST
def checklist_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ChecklistItem.objects.select_related("contest"), pk=pk)
    _managed(request, item.contest_id)
    try:
        with edit_slot(request.user):
            services.checklist_remove(user=request.user, item=item)
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The point is removed from the checklist."))
    return redirect("budgeting:checklist", pk=item.contest_id)
