"""One small view per staff action on an idea: parse the form, call ONE service, and redirect to
the idea's page with a message, or show the page again with the refused form and its errors. A
PermissionDenied (not this user's action) goes to the 403 page: nothing on a form to correct."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core.forms import apply_service_errors, refusal_message
from veche.reports.models import Report

from .. import services
from ..forms import ACTION_FORMS, FromReportForm
from ..models import Idea
from .public import render_idea, visible_idea

Call = Callable[[object, Idea, dict], str]
# Where the services' field names differ from the forms'.
FIELDS = {"title": "headline"}


def _action(name: str):
    def decorator(call: Call):
        @require_POST
        @login_required
        def view(request: HttpRequest, pk: int) -> HttpResponse:
            idea = visible_idea(request, pk)
            form = ACTION_FORMS[name](request.POST, request.FILES, idea=idea)
            if form.is_valid():
                try:
                    message = call(request.user, idea, form.cleaned_data)
                except ValidationError as error:
                    apply_service_errors(form, error, fields=FIELDS)
                else:
                    messages.success(request, message)
                    return redirect("ideas:detail", pk=idea.pk)
            return render_idea(request, visible_idea(request, pk), failed=form, status=400)

        view.__name__ = call.__name__
        view.__doc__ = call.__doc__
        return view

    return decorator


@_action("publish")
def publish(user, idea: Idea, data: dict) -> str:
    services.idea_publish(user=user, idea=idea)
    return _("Idea № %(number)s is published.") % {"number": idea.pk}


@_action("reject")
def reject(user, idea: Idea, data: dict) -> str:
    services.idea_reject(user=user, idea=idea, reason=data["reason"], note=data["note"])
    return _("Idea № %(number)s is rejected.") % {"number": idea.pk}


@_action("edit")
def edit(user, idea: Idea, data: dict) -> str:
    services.idea_edit_by_moderator(user=user, idea=idea, title=data["headline"], text=data["text"])
    return _("The idea's text is changed.")


@_action("merge")
def merge(user, idea: Idea, data: dict) -> str:
    into = Idea.objects.filter(pk=data["into"]).first()
    if into is None:
        raise ValidationError({"into": [_("There is no idea with this number.")]})
    services.ideas_merge(user=user, duplicate=idea, into=into)
    return _("Idea № %(number)s is merged into idea № %(into)s.") % {
        "number": idea.pk,
        "into": into.pk,
    }


@_action("consider")
def consider(user, idea: Idea, data: dict) -> str:
    services.idea_consider(user=user, idea=idea)
    return _("Idea № %(number)s is under consideration.") % {"number": idea.pk}


@_action("take")
def take(user, idea: Idea, data: dict) -> str:
    services.idea_take(
        user=user,
        idea=idea,
        agency=data["agency"],
        planned_date=data["planned_date"],
        answer=data["answer"],
    )
    return _("Idea № %(number)s is taken for implementation.") % {"number": idea.pk}


@_action("decline")
def decline(user, idea: Idea, data: dict) -> str:
    services.idea_decline(user=user, idea=idea, reason=data["reason"])
    return _("Idea № %(number)s is declined.") % {"number": idea.pk}


@_action("progress")
def progress(user, idea: Idea, data: dict) -> str:
    services.idea_add_progress(user=user, idea=idea, text=data["text"], photos=data["photos"])
    return _("The progress update is published.")


@_action("implement")
def implement(user, idea: Idea, data: dict) -> str:
    services.idea_implement(user=user, idea=idea, note=data["note"])
    return _("Idea № %(number)s is marked as implemented.") % {"number": idea.pk}


@login_required
def from_report(request: HttpRequest) -> HttpResponse:
    """A moderator turns a report that is a proposal into an idea, by the report's number."""
    if not request.user.has_perm("ideas.view_moderation_queue"):
        raise PermissionDenied(_("Only moderators turn reports into ideas."))
    form = FromReportForm(request.POST or None, initial={"report": request.GET.get("report")})
    if request.method == "POST" and form.is_valid():
        report = Report.objects.filter(pk=form.cleaned_data["report"]).first()
        try:
            if report is None:
                raise ValidationError({"report": [_("There is no report with this number.")]})
            idea = services.report_to_idea(
                user=request.user, report=report, title=form.cleaned_data["title"]
            )
        except PermissionDenied as refusal:
            form.add_error("report", refusal_message(refusal))
        except ValidationError as error:
            apply_service_errors(form, error, default="report")
        else:
            messages.success(
                request,
                _("Report № %(report)s is now idea № %(idea)s.")
                % {"report": report.pk, "idea": idea.pk},
            )
            return redirect("ideas:detail", pk=idea.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "ideas/from_report.html", {"form": form}, status=status)
