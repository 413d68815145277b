"""The organizer's editor (municipal admin of the territory, regional admin): his polls, a poll's
form, its questions (add, edit, move, delete) and options (image, «positive»), publishing the
poll and its results. Each post parses its form, calls ONE service and redirects with a message,
or shows the page again with the form's errors. Everything works without JavaScript."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from veche.core import ratelimit
from veche.core.forms import error_text, service_errors

from .. import selectors, services
from ..forms import OptionForm, PollForm, QuestionForm
from ..models import Option, Poll, Question
from ..services._common import not_organizer
from ..throttle import edit_slot


def _managed(request: HttpRequest, pk: int) -> Poll:
    poll = get_object_or_404(Poll.objects.select_related("municipality"), pk=pk)
    if not request.user.has_perm("polls.manage_poll", poll):
        raise Http404
    return poll


def _editor_url(poll: Poll, anchor: str = "") -> str:
    return reverse("polls:edit", args=[poll.pk]) + (f"#{anchor}" if anchor else "")


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("polls.organize_polls"):
        raise PermissionDenied(not_organizer())
    return render(request, "polls/manage.html", {"polls": selectors.managed_polls(request.user)})


def _run(request: HttpRequest, form, call: Callable):
    """Call one service inside the edit rate limit; its errors go on the form."""
    try:
        with edit_slot(request.user), service_errors(form, refusal_on_form=True):
            return call()
    except ratelimit.Limited:
        form.add_error(None, _("Too many changes in a short time: try again later."))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def poll_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("polls.organize_polls"):
        raise PermissionDenied(not_organizer())
    form = PollForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        poll = _run(
            request,
            form,
            lambda: services.poll_create(
                user=request.user, data=form.poll_in(), cover=form.cleaned_data.get("cover")
            ),
        )
        if poll is not None and not form.errors:
            messages.success(request, _("The draft is saved: now add its questions."))
            return redirect(_editor_url(poll, "questions"))
    return render(request, "polls/poll_form.html", {"form": form, "poll": None})


@login_required
@require_http_methods(["GET", "POST"])
def poll_edit(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    if request.method == "POST":
        form = PollForm(request.POST, request.FILES)
        if form.is_valid():
            saved = _run(
                request,
                form,
                lambda: services.poll_update(
                    user=request.user,
                    poll=poll,
                    data=form.poll_in(),
                    cover=form.cleaned_data.get("cover"),
                ),
            )
            if saved is not None and not form.errors:
                messages.success(request, _("The poll is saved."))
                return redirect(_editor_url(poll))
    else:
        form = PollForm(initial=PollForm.initial_from(poll))
    questions = list(
        poll.questions.select_related("shown_if__question").prefetch_related("options")
    )
    return render(
        request,
        "polls/poll_form.html",
        {
            "form": form,
            "poll": poll,
            "questions": questions,
            "question_form": QuestionForm(poll=poll, auto_id="new-question-%s"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    form = QuestionForm(request.POST or None, poll=poll)
    if request.method == "POST" and form.is_valid():
        question = _run(
            request,
            form,
            lambda: services.question_add(user=request.user, poll=poll, data=form.question_in()),
        )
        if question is not None and not form.errors:
            messages.success(request, _("The question is added."))
            return redirect(_editor_url(poll, f"question-{question.pk}"))
    return render(
        request, "polls/question_form.html", {"form": form, "poll": poll, "question": None}
    )


def _question(request: HttpRequest, pk: int) -> Question:
    question = get_object_or_404(
        Question.objects.select_related("poll__municipality").prefetch_related("options"), pk=pk
    )
    if not request.user.has_perm("polls.manage_poll", question.poll):
        raise Http404
    return question


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    poll = question.poll
    if request.method == "POST":
        form = QuestionForm(request.POST, poll=poll, question=question)
        if form.is_valid():
            saved = _run(
                request,
                form,
                lambda: services.question_update(
                    user=request.user, question=question, data=form.question_in()
                ),
            )
            if saved is not None and not form.errors:
                messages.success(request, _("The question is saved."))
                return redirect(reverse("polls:question_edit", args=[question.pk]))
    else:
        form = QuestionForm(
            initial=QuestionForm.initial_from(question), poll=poll, question=question
        )
    options = [
        (
            option,
            OptionForm(
                initial={"is_positive": option.is_positive}, auto_id=f"option-{option.pk}-%s"
            ),
        )
        for option in question.options.all()
    ]
    return render(
        request,
        "polls/question_form.html",
        {"form": form, "poll": poll, "question": question, "options": options},
    )


def _post_action(request: HttpRequest, call: Callable, success: str, back: str) -> HttpResponse:
    """Call one service for a button; a refusal becomes a message above the page."""
    try:
        with edit_slot(request.user):
            call()
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time: try again later."))
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect(back)


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    return _post_action(
        request,
        lambda: services.question_delete(user=request.user, question=question),
        _("The question is deleted."),
        _editor_url(question.poll, "questions"),
    )


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    return _post_action(
        request,
        lambda: services.question_move(
            user=request.user, question=question, up=request.POST.get("direction") == "up"
        ),
        _("The question is moved."),
        _editor_url(question.poll, f"question-{question.pk}"),
    )


@login_required
@require_POST
def option_edit(request: HttpRequest, pk: int) -> HttpResponse:
    option = get_object_or_404(Option.objects.select_related("question__poll"), pk=pk)
    if not request.user.has_perm("polls.manage_poll", option.question.poll):
        raise Http404
    form = OptionForm(request.POST, request.FILES)
    back = reverse("polls:question_edit", args=[option.question_id]) + f"#option-{option.pk}"
    if not form.is_valid():
        messages.error(request, _("The option could not be saved."))
        return redirect(back)
    return _post_action(
        request,
        lambda: services.option_update(
            user=request.user,
            option=option,
            is_positive=form.cleaned_data["is_positive"],
            image=form.cleaned_data.get("image"),
            remove_image=form.cleaned_data["remove_image"],
        ),
        _("The option is saved."),
        back,
    )


@login_required
@require_POST
def poll_publish(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    return _post_action(
        request,
        lambda: services.poll_publish(user=request.user, poll=poll),
        _("The poll is published."),
        _editor_url(poll),
    )


@login_required
@require_POST
def poll_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    return _post_action(
        request,
        lambda: services.poll_unpublish(user=request.user, poll=poll),
        _("The poll is a draft again."),
        _editor_url(poll),
    )


@login_required
@require_POST
def results_publish(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _managed(request, pk)
    return _post_action(
        request,
        lambda: services.poll_results_publish(user=request.user, poll=poll),
        _("The results are published."),
        reverse("polls:results", args=[poll.pk]),
    )
