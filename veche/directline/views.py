"""The direct line's pages: the list of lines, a line's public page (figures, questions with
their supports and answers, the resident's form), and the staff's page (moderate, enter a call
or letter, answer, close). Everything works without JavaScript; each POST calls one service."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from veche.core import ratelimit
from veche.core.forms import apply_service_errors, error_text
from veche.core.paging import CachedCountPaginator

from . import queue, selectors, services
from .forms import AnswerForm, AskForm, CampaignForm, EnterForm
from .models import Campaign, Question
from .rules import campaign_open
from .throttle import ask_slot, staff_slot, support_slot

# Lazy: read in the request's language, not in the one active when the module was imported.
TOO_MANY = gettext_lazy("Too many actions in a short time. Try again later.")


def _campaign(pk: int) -> Campaign:
    try:
        return selectors.campaign(pk)
    except Campaign.DoesNotExist:
        raise Http404 from None


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    context = {
        "campaigns": list(selectors.campaigns()),
        "may_create": request.user.has_perm("directline.create_campaign"),
    }
    return render(request, "directline/list.html", context)


QUESTIONS_PER_PAGE = 20


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    form = AskForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        if form.is_valid():
            try:
                with ask_slot(request.user):
                    services.question_ask(
                        user=request.user,
                        campaign=campaign,
                        text=form.cleaned_data["text"],
                        video=form.cleaned_data["video"] or None,
                    )
            except ratelimit.Limited:
                form.add_error(None, TOO_MANY)
            except ValidationError as error:
                apply_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(
                    request, _("Thank you! Your question will appear after moderation.")
                )
                return redirect(campaign.get_absolute_url())
        status = 400
    # Hundreds of questions per line (the governor's had 791): pages of QUESTIONS_PER_PAGE, the
    # most supported first.
    page = CachedCountPaginator(selectors.public_questions(campaign), QUESTIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "campaign": campaign,
        "figures": selectors.figures(campaign),
        "questions": page.object_list,
        "page": page,
        "supported": selectors.supported_ids(request.user, campaign),
        "form": form,
        "may_ask": request.user.has_perm("directline.ask_question", campaign),
        "is_open": campaign_open(request.user, campaign),
        "may_work": request.user.has_perm("directline.work_campaign", campaign),
    }
    return render(request, "directline/detail.html", context, status=status)


def _login_url() -> str:
    return resolve_url(settings.LOGIN_URL)


@require_POST
@login_required
def question_support(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("campaign"), pk=pk)
    try:
        with support_slot(request.user):
            services.question_support(user=request.user, question=question)
    except ratelimit.Limited:
        messages.error(request, TOO_MANY)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your support is counted."))
    return redirect(f"{question.campaign.get_absolute_url()}#question-{question.pk}")


# The staff's page and actions.


@login_required
def campaign_work(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    if not request.user.has_perm("directline.work_campaign", campaign):
        raise PermissionDenied(_("You neither run nor moderate this direct line."))
    context = {
        "campaign": campaign,
        "figures": selectors.figures(campaign),
        "questions": selectors.staff_questions(campaign),
        "enter_form": EnterForm(),
        "reasons": queue.REASONS,
        "may_run": request.user.has_perm("directline.run_campaign", campaign),
        "may_moderate": request.user.has_perm("directline.moderate_question", campaign),
    }
    return render(request, "directline/work.html", context)


@login_required
def campaign_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    campaign = _campaign(pk) if pk else None
    allowed = (
        request.user.has_perm("directline.run_campaign", campaign)
        if campaign
        else request.user.has_perm("directline.create_campaign")
    )
    if not allowed:
        raise PermissionDenied(_("You do not run this direct line."))
    form = CampaignForm(request.POST or None, instance=campaign)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with staff_slot(request.user):
                    saved = services.campaign_save(
                        user=request.user,
                        campaign=campaign,
                        title=data["title"],
                        description=data["description"],
                        municipality=data["municipality"],
                        event_at=data["event_at"],
                        recording_url=data["recording_url"],
                    )
            except ratelimit.Limited:
                form.add_error(None, TOO_MANY)
            except ValidationError as error:
                apply_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("The direct line is saved."))
                return redirect("directline:work", saved.pk)
        status = 400
    return render(
        request, "directline/edit.html", {"form": form, "campaign": campaign}, status=status
    )


def _staff_action(view: Callable) -> Callable:
    """Parse, call one service inside the staff rate limit, and say what happened above the
    staff page: a refusal is a message, never a 500, and nothing is half-written."""

    @wraps(view)
    @require_POST
    @login_required
    def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
        try:
            with staff_slot(request.user):
                campaign, done = view(request, pk)
        except ratelimit.Limited:
            messages.error(request, TOO_MANY)
            return redirect("directline:list")
        except _Refused as refused:
            messages.error(request, refused.message)
            return redirect("directline:work", refused.campaign_id)
        messages.success(request, done)
        return redirect("directline:work", campaign.pk)

    return wrapped


class _Refused(Exception):
    def __init__(self, campaign_id: int, message: str):
        self.campaign_id = campaign_id
        self.message = message


def _call(campaign_id: int, service: Callable, **kwargs):
    try:
        return service(**kwargs)
    except (PermissionDenied, ValidationError) as error:
        raise _Refused(campaign_id, error_text(error)) from error


def _question(pk: int) -> Question:
    return get_object_or_404(Question.objects.select_related("campaign"), pk=pk)


def _form_errors(form) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


@_staff_action
def question_enter(request: HttpRequest, pk: int):
    campaign = _campaign(pk)
    form = EnterForm(request.POST)
    if not form.is_valid():
        raise _Refused(campaign.pk, _form_errors(form))
    question = _call(
        campaign.pk,
        services.question_enter,
        user=request.user,
        campaign=campaign,
        channel=form.cleaned_data["channel"],
        text=form.cleaned_data["text"],
        caller_name=form.cleaned_data["caller_name"],
    )
    return campaign, _("Question № %(number)s is entered and published.") % {"number": question.pk}


@_staff_action
def question_publish(request: HttpRequest, pk: int):
    question = _question(pk)
    _call(question.campaign_id, services.question_publish, user=request.user, question=question)
    return question.campaign, _("Question № %(number)s is published.") % {"number": question.pk}


@_staff_action
def question_reject(request: HttpRequest, pk: int):
    question = _question(pk)
    reason = request.POST.get("reason", "")
    if reason not in dict(queue.REASONS):
        raise _Refused(question.campaign_id, _("Choose the reason for rejecting."))
    _call(
        question.campaign_id,
        services.question_reject,
        user=request.user,
        question=question,
        reason=reason,
    )
    return question.campaign, _("Question № %(number)s is rejected.") % {"number": question.pk}


@_staff_action
def question_answer(request: HttpRequest, pk: int):
    question = _question(pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        raise _Refused(question.campaign_id, _form_errors(form))
    _call(
        question.campaign_id,
        services.question_answer,
        user=request.user,
        question=question,
        text=form.cleaned_data["text"],
        at_seconds=form.cleaned_data["at"],
    )
    return question.campaign, _("The answer to question № %(number)s is saved.") % {
        "number": question.pk
    }


@_staff_action
def campaign_close(request: HttpRequest, pk: int):
    campaign = _campaign(pk)
    _call(campaign.pk, services.campaign_close, user=request.user, campaign=campaign)
    return campaign, _("The direct line is closed: every question has its answer.")
