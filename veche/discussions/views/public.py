"""Residents' pages: the list (open, upcoming, closed), a draft with its sections, a section with
its thread, the changes of a version, the comment form (a section or a passage; a proposal) and
the rating. Each post calls ONE service and redirects with a message; everything works without
JavaScript (the passage is pasted), which only helps to pick it with the mouse."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from veche.core import ratelimit
from veche.core.components import Step, Tab
from veche.core.forms import apply_service_errors, error_text
from veche.core.pagecache import guest_page
from veche.core.paging import CachedCountPaginator
from veche.events.selectors import last_event_id
from veche.media.responses import attachment

from .. import selectors, services
from ..commenting import closed_refusal
from ..forms import CommentForm, DraftFilters, RatingForm
from ..models import Draft, Phase, Section
from ..text import highlight
from ..throttle import comment_slot, rate_slot

PER_PAGE = 15
SECTIONS_CACHE_SECONDS = 300


def visible_draft(request: HttpRequest, pk: int) -> Draft:
    draft = Draft.objects.select_related("municipality", "agency").filter(pk=pk).first()
    if draft is None or not request.user.has_perm("discussions.view_draft", draft):
        raise Http404
    return draft


def steps(draft: Draft) -> list[Step]:
    state = {Phase.UPCOMING: "upcoming", Phase.OPEN: "current", Phase.CLOSED: "done"}[draft.phase]
    return [Step(_("discussion"), draft.opens_at, draft.closes_at, state)]


@require_GET
def draft_list(request: HttpRequest) -> HttpResponse:
    phase = request.GET.get("phase", Phase.OPEN)
    if phase not in Phase.values:
        phase = Phase.OPEN
    filters = DraftFilters(request.GET or None)
    drafts = selectors.draft_list(phase=phase, municipality=filters.chosen_municipality())
    page = CachedCountPaginator(drafts, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    totals = selectors.comment_totals(page.object_list)
    for draft in page.object_list:
        draft.comment_total = totals.get(draft.pk, 0)
    tabs = []
    for value, label in Phase.choices:
        query["phase"] = value
        tabs.append(Tab(label, f"?{query.urlencode()}", None, value == phase))
    return render(
        request,
        "discussions/list.html",
        {
            "page": page,
            "phase": phase,
            "tabs": tabs,
            "form": filters if filters.is_bound else DraftFilters(),
        },
    )


@guest_page(version=last_event_id)
@require_GET
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draft = visible_draft(request, pk)
    return _detail(request, draft, CommentForm(draft=draft, initial=_initial(request, draft)))


def _initial(request: HttpRequest, draft: Draft) -> dict:
    section = request.GET.get("section", "")
    return {"section": int(section)} if section.isdigit() else {}


def sections_html(page: selectors.DraftPage, can_comment: bool) -> SafeString:
    """The sections block, rendered once for each state of the text and its counts and kept in
    the cache: the key names everything it shows (wordings, counts, passages, whether the reader
    may comment, the language), so any change is a new key. It was most of the page's time."""
    state = [page.draft.pk, can_comment, get_language()]
    for item in page.sections + page.removed:
        s = item.section
        wording = item.wording.pk if item.wording else None
        shown = (s.pk, s.heading, s.removed_in, wording, item.comment_count, item.proposal_count)
        state.append((*shown, tuple(item.passages)))
    key = "discussions:sections:" + hashlib.sha256(repr(state).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "discussions/_sections.html",
            {"draft": page.draft, "page": page, "can_comment": can_comment},
        )
        cache.set(key, html, SECTIONS_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output


def _detail(
    request: HttpRequest, draft: Draft, form: CommentForm, status: int = 200, limited: str = ""
):
    user = request.user
    rating = services.my_rating(user, draft)
    page = selectors.draft_page(draft)
    can_comment = user.has_perm("discussions.comment_draft", draft)
    return render(
        request,
        "discussions/detail.html",
        {
            "draft": draft,
            "page": page,
            "sections_html": sections_html(page, can_comment),
            "steps": steps(draft),
            "form": form,
            "can_comment": can_comment,
            "can_rate": user.has_perm("discussions.rate_draft", draft),
            "rating_form": RatingForm(initial={"value": rating}, auto_id="rate-%s"),
            "my_rating": rating,
            "refusal": closed_refusal(draft),
            "limited": limited,
        },
        status=status,
    )


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    draft = visible_draft(request, pk)
    form = CommentForm(request.POST, draft=draft)
    if not form.is_valid():
        return _detail(request, draft, form, status=400)
    data = form.cleaned_data
    try:
        with comment_slot(request.user):
            posted = services.draft_comment(
                author=request.user,
                draft=draft,
                text=data["text"],
                section=data["section"],
                passage=data["passage"],
                is_proposal=data["is_proposal"],
                wording=data["wording"],
            )
    except ratelimit.Limited as error:
        limited = _("Too many comments in a short time: try again in %(minutes)d min.") % {
            "minutes": ratelimit.minutes_to_wait(error.retry_after)
        }
        return _detail(request, draft, form, status=429, limited=limited)
    except PermissionDenied as error:
        form.add_error(None, error_text(error))
        return _detail(request, draft, form, status=403)
    except ValidationError as error:
        apply_service_errors(form, error)
        return _detail(request, draft, form, status=400)
    if not posted.passage_found:
        messages.warning(
            request,
            _(
                "The passage was not found in the section: your comment is attached to the "
                "whole section."
            ),
        )
    if posted.comment.status == posted.comment.Status.PENDING:
        messages.success(request, _("Thank you: your comment appears after a moderator checks it."))
    else:
        messages.success(request, _("Thank you: your comment is published."))
    if posted.note.section_id:
        target = reverse("discussions:section", args=[draft.pk, posted.note.section_id])
    else:
        target = reverse("discussions:detail", args=[draft.pk])
    return redirect(f"{target}#comment-{posted.comment.pk}")


@login_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    draft = visible_draft(request, pk)
    form = RatingForm(request.POST)
    url = reverse("discussions:detail", args=[draft.pk]) + "#rating"
    if not form.is_valid():
        messages.error(request, _("Choose support, neutral or oppose."))
        return redirect(url)
    try:
        with rate_slot(request.user):
            services.draft_rate(user=request.user, draft=draft, value=form.cleaned_data["value"])
    except ratelimit.Limited:
        messages.error(request, _("Too many ratings in a short time: try again later."))
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your rating is saved."))
    return redirect(url)


@require_GET
def section_detail(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    draft = visible_draft(request, pk)
    section = Section.objects.filter(draft=draft, pk=section_pk).first()
    if section is None:
        raise Http404
    section.draft = draft
    wordings = selectors.section_wordings(section)
    latest = wordings[-1] if wordings else None
    notes = selectors.section_passages(section)
    return render(
        request,
        "discussions/section.html",
        {
            "draft": draft,
            "section": section,
            "wording": latest,
            "html": highlight(latest.html, [n.passage for n in notes]) if latest else "",
            "notes": notes,
            "can_comment": request.user.has_perm("discussions.comment_draft", draft)
            and not section.is_removed,
        },
    )


@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    draft = visible_draft(request, pk)
    version = draft.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return render(
        request,
        "discussions/version.html",
        {"draft": draft, "version": version, "changes": selectors.version_changes(draft, number)},
    )


@require_GET
def draft_file(request: HttpRequest, pk: int, file_pk: int):
    """An attached file, as a download only (veche.media.responses)."""
    draft = visible_draft(request, pk)
    found = draft.files.filter(pk=file_pk).first()
    if found is None:
        raise Http404
    return attachment(found.file, filename=found.name, content_type=found.content_type)
