"""The thread's actions, one small view each: plain POST forms that work without JavaScript,
each parsing its form, calling one service and going back to the page it came from (`next`,
checked by core.http.safe_next) at the comment, with a message (post/redirect/get). A comment
with an error in it comes back on a page of its own with the text kept."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from veche.core import ratelimit
from veche.core.forms import error_text, service_errors
from veche.core.http import safe_next

from . import services, throttle
from .forms import CommentForm, ComplaintForm, EditForm, RemovalForm
from .kinds import Target, target_of
from .models import MAX_LENGTH, Comment


def _target(request: HttpRequest, kind: str, target_id: int) -> Target:
    target = target_of(kind, target_id)
    if target is None or not target.kind.can_view(request.user, target.item):
        raise Http404
    return target


def _back(request: HttpRequest, target: Target, comment_id: int | None = None) -> HttpResponse:
    """To `next` (or the item's page), at the comment."""
    address = safe_next(request, target.kind.url_of(target.item)).split("#")[0]
    return redirect(f"{address}#comment-{comment_id}" if comment_id else f"{address}#comments")


def _write_page(request, *, form, target, action, title, submit, extra_error="", status=400):
    return render(
        request,
        "comments/write.html",
        {
            "form": form,
            "target": target,
            "target_title": target.kind.title_of(target.item),
            "target_url": target.kind.url_of(target.item),
            "action": action,
            "title": title,
            "submit": submit,
            "next": safe_next(request, ""),
            "extra_error": extra_error,
            "max_length": MAX_LENGTH,
        },
        status=status,
    )


@require_POST
@login_required
def post(request: HttpRequest, kind: str, target_id: int) -> HttpResponse:
    target = _target(request, kind, target_id)
    form = CommentForm(request.POST)
    extra_error = ""
    if form.is_valid():
        try:
            with service_errors(form), throttle.counted(request.user, throttle.WRITE):
                comment = services.comment_post(
                    author=request.user,
                    kind=kind,
                    target_id=target.id,
                    text=form.cleaned_data["text"],
                    parent_id=form.cleaned_data["parent"],
                )
        except ratelimit.Limited as limited:
            extra_error = throttle.too_many_message(limited.retry_after)
        if not form.errors and not extra_error:
            if comment.status == Comment.Status.PUBLISHED:
                messages.success(request, _("Your comment is published."))
            else:
                messages.success(
                    request,
                    _("Your comment is sent: others will see it once a moderator approves it."),
                )
            return _back(request, target, comment.pk)
    title = _("Reply") if request.POST.get("parent") else _("Comment")
    return _write_page(
        request,
        form=form,
        target=target,
        action=request.path,
        title=title,
        submit=_("Send"),
        extra_error=extra_error,
    )


def _comment_view(view: Callable) -> Callable:
    """Load the comment and its item (404 when the reader may not see the item)."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
        comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
        target = _target(request, comment.target_kind, comment.target_id)
        return view(request, comment, target)

    return wrapped


@_comment_view
def edit(request: HttpRequest, comment: Comment, target: Target) -> HttpResponse:
    if not request.user.has_perm("comments.edit_comment", comment):
        raise PermissionDenied(services.edit_refusal(request.user, comment))
    form = EditForm(request.POST or None, initial={"text": comment.text})
    extra_error = ""
    if request.method == "POST" and form.is_valid():
        try:
            with service_errors(form), throttle.counted(request.user, throttle.WRITE):
                comment = services.comment_edit(
                    author=request.user, comment=comment, text=form.cleaned_data["text"]
                )
        except ratelimit.Limited as limited:
            extra_error = throttle.too_many_message(limited.retry_after)
        if not form.errors and not extra_error:
            if comment.status == Comment.Status.PENDING:
                messages.success(request, _("Your comment is saved and awaits moderation."))
            else:
                messages.success(request, _("Your comment is saved."))
            return _back(request, target, comment.pk)
    return _write_page(
        request,
        form=form,
        target=target,
        action=request.get_full_path(),
        title=_("Edit your comment"),
        submit=_("Save"),
        extra_error=extra_error,
        status=400 if request.method == "POST" else 200,
    )


def _reaction(service: Callable, done: Callable[[bool], str | None], limit=throttle.REACT):
    """A POST that calls one service on the comment and goes back with its outcome."""

    @require_POST
    @_comment_view
    def view(request: HttpRequest, comment: Comment, target: Target) -> HttpResponse:
        try:
            with throttle.counted(request.user, limit):
                outcome = service(request, comment)
        except ratelimit.Limited as limited:
            messages.error(request, throttle.too_many_message(limited.retry_after))
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, error_text(error))
        else:
            if message := done(outcome):
                messages.success(request, message)
        return _back(request, target, comment.pk)

    return view


like = _reaction(
    lambda request, comment: services.comment_like(user=request.user, comment=comment)[1],
    lambda created: _("You like this comment.") if created else None,
)
unlike = _reaction(
    lambda request, comment: services.comment_unlike(user=request.user, comment=comment)[1],
    lambda removed: _("You no longer like this comment.") if removed else None,
)


def _complain(request: HttpRequest, comment: Comment) -> bool:
    form = ComplaintForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return services.comment_complain(user=request.user, comment=comment, reason=reason)[1]


complain = _reaction(
    _complain,
    lambda created: (
        _("Thank you: a moderator will look at the comment.")
        if created
        else _("You have already complained about this comment.")
    ),
)


# --- Moderators' decisions (the shared moderation queue posts here too) ------------------------


def _moderation(service: Callable, message: str) -> Callable:
    @require_POST
    @_comment_view
    def view(request: HttpRequest, comment: Comment, target: Target) -> HttpResponse:
        try:
            service(request, comment)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, message)
        return _back(request, target, comment.pk)

    return view


def _remove(request: HttpRequest, comment: Comment) -> None:
    form = RemovalForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose a reason from the list."))
    services.comment_remove(
        moderator=request.user, comment=comment, reason=form.cleaned_data["reason"]
    )


approve = _moderation(
    lambda request, comment: services.comment_approve(moderator=request.user, comment=comment),
    gettext_lazy("The comment is published."),
)
remove = _moderation(_remove, gettext_lazy("The comment is removed."))
restore = _moderation(
    lambda request, comment: services.comment_restore(moderator=request.user, comment=comment),
    gettext_lazy("The comment is back in the thread; its complaints are cleared."),
)
