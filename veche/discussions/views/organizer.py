"""The organizer's pages (the municipal admin of the territory, a regional admin, the head of the
authority for its drafts): his drafts, a new draft (typed or imported from .docx), its
particulars, a new version of the text, publishing, answers to proposals and the final report.
Each post parses its form, calls ONE service and redirects with a message, or shows the page
again with the form's errors."""

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
from ..forms import AnswerForm, AttachForm, DraftForm, ReportForm, SectionsForm, TextForm
from ..models import Draft, DraftComment, DraftFile, SectionVersion
from ..services._common import not_organizer
from ..text import docx_sections, has_headings, split_markdown
from ..throttle import edit_slot


def _organized(request: HttpRequest, pk: int) -> Draft:
    draft = get_object_or_404(Draft.objects.select_related("municipality", "agency"), pk=pk)
    if not request.user.has_perm("discussions.change_draft", draft):
        raise Http404
    return draft


def _require_organizer(request: HttpRequest) -> None:
    if not request.user.has_perm("discussions.organize_drafts"):
        raise PermissionDenied(not_organizer())


def _run(request: HttpRequest, form, call: Callable):
    """Call one service inside the edit rate limit; its errors go on the form."""
    try:
        with edit_slot(request.user), service_errors(form, refusal_on_form=True):
            return call()
    except ratelimit.Limited:
        form.add_error(None, _("Too many changes in a short time: try again later."))
    return None


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    _require_organizer(request)
    return render(
        request, "discussions/manage.html", {"drafts": selectors.organizer_drafts(request.user)}
    )


def _sections_of(text_form: TextForm) -> tuple[list, bool]:
    """The sections of the typed or imported text and whether it had headings."""
    upload = text_form.cleaned_data.get("docx")
    if upload is not None:
        data = upload.read(10 * 1024 * 1024 + 1)
        sections, headed = docx_sections(data)
    else:
        source = text_form.cleaned_data["markdown"]
        sections, headed = split_markdown(source), has_headings(source)
    return services.as_edits(sections), headed


@login_required
@require_http_methods(["GET", "POST"])
def draft_new(request: HttpRequest) -> HttpResponse:
    _require_organizer(request)
    form = DraftForm(request.POST or None, auto_id="draft-%s")
    text_form = TextForm(request.POST or None, request.FILES or None, auto_id="text-%s")
    if request.method == "POST" and form.is_valid() and text_form.is_valid():
        try:
            sections, headed = _sections_of(text_form)
        except ValidationError as error:
            text_form.add_error("docx" if text_form.cleaned_data.get("docx") else "markdown", error)
        else:
            draft = _run(
                request,
                form,
                lambda: services.draft_create(
                    user=request.user, data=form.draft_in(), sections=sections
                ),
            )
            if draft is not None:
                messages.success(request, _("The draft is saved: check it and publish it."))
                if not headed:
                    messages.warning(
                        request,
                        _(
                            "The text has no headings, so it is one section. Add headings to "
                            "split it into sections residents can comment on one by one."
                        ),
                    )
                return redirect("discussions:edit", pk=draft.pk)
    return render(request, "discussions/draft_form.html", {"form": form, "text_form": text_form})


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _organized(request, pk)
    initial = {name: getattr(draft, name) for name in DraftForm.base_fields}
    form = DraftForm(request.POST or None, initial=initial, auto_id="draft-%s")
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.draft_update(user=request.user, draft=draft, data=form.draft_in()),
        ):
            messages.success(request, _("The draft is saved."))
            return redirect("discussions:edit", pk=draft.pk)
    return render(
        request,
        "discussions/draft_form.html",
        {"form": form, "draft": draft, "attach_form": AttachForm(auto_id="attach-%s")},
    )


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _organized(request, pk)
    form = AttachForm(request.POST, request.FILES, auto_id="attach-%s")
    if form.is_valid():
        try:
            with edit_slot(request.user):
                services.draft_attach(
                    user=request.user, draft=draft, files=[form.cleaned_data["file"]]
                )
        except ratelimit.Limited:
            messages.error(request, _("Too many changes in a short time: try again later."))
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The file is attached."))
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect(reverse("discussions:edit", args=[draft.pk]) + "#files")


@login_required
@require_POST
def detach(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    draft = _organized(request, pk)
    draft_file = get_object_or_404(DraftFile, pk=file_pk, draft=draft)
    with edit_slot(request.user):
        services.draft_detach(user=request.user, draft_file=draft_file)
    messages.success(request, _("The file is removed."))
    return redirect(reverse("discussions:edit", args=[draft.pk]) + "#files")


def _current_sections(draft: Draft) -> list[tuple[int, str, str]]:
    rows = SectionVersion.objects.filter(
        section__draft=draft, section__removed_in__isnull=True, version=draft.current_version
    ).order_by("position")
    return [(row.section_id, row.heading, row.text) for row in rows]


@login_required
@require_http_methods(["GET", "POST"])
def sections_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _organized(request, pk)
    form = SectionsForm(request.POST or None, sections=_current_sections(draft), auto_id="sec-%s")
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            form,
            lambda: services.version_publish(
                user=request.user,
                draft=draft,
                sections=form.edits(),
                note=form.cleaned_data["note"],
            ),
        )
        if done is not None:
            if done.is_published:
                messages.success(
                    request, _("Version %(n)d is published.") % {"n": done.current_version}
                )
            else:
                messages.success(request, _("The text is saved."))
            return redirect("discussions:edit", pk=draft.pk)
    return render(request, "discussions/sections_form.html", {"form": form, "draft": draft})


@login_required
@require_POST
def draft_publish(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _organized(request, pk)
    try:
        with edit_slot(request.user):
            services.draft_publish(user=request.user, draft=draft)
    except (PermissionDenied, ValidationError, ratelimit.Limited) as error:
        messages.error(
            request,
            error_text(error)
            if not isinstance(error, ratelimit.Limited)
            else _("Too many changes in a short time: try again later."),
        )
    else:
        messages.success(request, _("The draft is published: the discussion runs in its period."))
    return redirect("discussions:edit", pk=draft.pk)


@login_required
@require_http_methods(["GET"])
def answers(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _organized(request, pk)
    report = selectors.report(draft)
    for p in report.proposals:
        p.answer_form = AnswerForm(
            initial={"outcome": p.outcome or None, "reason": p.reason}, auto_id=f"a{p.pk}-%s"
        )
    return render(
        request,
        "discussions/answers.html",
        {
            "draft": draft,
            "report": report,
            "report_form": ReportForm(auto_id="rep-%s"),
            "can_answer": request.user.has_perm("discussions.answer_proposal", draft),
        },
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    draft = _organized(request, pk)
    note = get_object_or_404(DraftComment.objects.select_related("draft"), pk=note_pk, draft=draft)
    form = AnswerForm(request.POST, auto_id=f"a{note.pk}-%s")
    url = reverse("discussions:answers", args=[draft.pk]) + f"#proposal-{note.pk}"
    if not form.is_valid():
        messages.error(request, _("Choose the answer to the proposal."))
        return redirect(url)
    try:
        with edit_slot(request.user):
            services.proposal_answer(
                user=request.user,
                note=note,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time: try again later."))
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The answer is saved."))
    return redirect(url)


@login_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _organized(request, pk)
    form = ReportForm(request.POST)
    form.is_valid()
    try:
        with edit_slot(request.user):
            services.report_publish(
                user=request.user, draft=draft, summary=form.cleaned_data.get("summary", "")
            )
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time: try again later."))
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, error_text(error))
        return redirect("discussions:answers", pk=draft.pk)
    else:
        messages.success(request, _("The final report is published."))
        return redirect("discussions:report", pk=draft.pk)
    return redirect("discussions:answers", pk=draft.pk)
