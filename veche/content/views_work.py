"""The editors' pages: their lists by kind, one form to create or edit an item of any kind,
publish (now or scheduled) and withdraw, and the territory admins' editors page. Plain POST
forms; every change goes through one service (audited, recorded as an event)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from veche.core import ratelimit
from veche.core.forms import error_text, service_errors
from veche.media.documents import process_documents
from veche.media.uploads import process_media
from veche.territory.models import Municipality

from . import selectors, services
from .forms import EventForm, KbEntryForm, MaterialForm, NewsForm, PageForm, PublishForm
from .models import ContentEditor, Event, KbEntry, Material, News, Page
from .services._common import NOT_KEEPER
from .throttle import edit_slot


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[Model]
    form: type
    label: str
    plural: str


KINDS = {
    k.slug: k
    for k in [
        Kind("news", News, NewsForm, gettext_lazy("news item"), gettext_lazy("News")),
        Kind("page", Page, PageForm, gettext_lazy("page"), gettext_lazy("Pages")),
        Kind(
            "material", Material, MaterialForm, gettext_lazy("material"), gettext_lazy("Materials")
        ),
        Kind("kb", KbEntry, KbEntryForm, gettext_lazy("question"), gettext_lazy("Knowledge base")),
        Kind("event", Event, EventForm, gettext_lazy("event"), gettext_lazy("Events")),
    ]
}


def _kind(slug: str) -> Kind:
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


def _require_work(request: HttpRequest) -> None:
    if not request.user.has_perm("content.view_work"):
        raise PermissionDenied(_("Only the territory's administration and its content editors."))


@login_required
def work(request: HttpRequest, kind: str = "news") -> HttpResponse:
    _require_work(request)
    current = _kind(kind)
    items = list(selectors.kept(request.user, current.model)[:200])
    counts = {}
    if current.model is KbEntry:
        counts = selectors.kb_feedback_counts([i.pk for i in items])
    for item in items:
        item.helpful_counts = counts.get(item.pk)
    context = {"kinds": KINDS.values(), "current": current, "items": items}
    return render(request, "content/work/list.html", context)


def _form(request, current: Kind, instance=None):
    region, _ids = selectors.kept_scope(request.user)
    form = current.form(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        municipalities=selectors.kept_municipalities(request.user),
        region=region,
    )
    if current.model is Page and "parent" in form.fields:
        form.fields["parent"].queryset = Page.objects.exclude(pk=getattr(instance, "pk", None))
    return form


@login_required
def item_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    _require_work(request)
    current = _kind(kind)
    instance = None
    if pk is not None:
        instance = get_object_or_404(current.model, pk=pk)
        if not request.user.has_perm("content.change_item", instance):
            raise PermissionDenied(str(NOT_KEEPER))
    form = _form(request, current, instance)
    if request.method == "POST" and form.is_valid():
        target = current.model.objects.get(pk=pk) if pk else current.model()
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                cover = _cover(form)
                files = process_documents(form.cleaned_data.get("files") or [])
                saved = services.item_save(
                    actor=request.user,
                    item=target,
                    changes=form.changes(),
                    cover=cover,
                    files=files,
                    related=form.cleaned_data.get("related"),
                )
        except ratelimit.Limited:
            form.add_error(None, _("Too many changes in a short time. Try again in a few minutes."))
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("content:work_item", current.slug, saved.pk)
    context = {
        "current": current,
        "form": form,
        "item": instance,
        "publish_form": PublishForm() if instance else None,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "content/work/form.html", context, status=status)


def _cover(form):
    upload = form.cleaned_data.get("cover")
    if not upload:
        return None
    try:
        return process_media([upload])[0]
    except ValidationError as error:
        raise ValidationError({"cover": error.messages}) from None


def _kept_item(request, kind: str, pk: int):
    current = _kind(kind)
    return current, get_object_or_404(current.model, pk=pk)


@login_required
@require_POST
def item_publish(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    current, item = _kept_item(request, kind, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the publication time as day, month, year and hours."))
        return redirect("content:work_item", kind, pk)
    try:
        with edit_slot(request.user):
            item = services.item_publish(actor=request.user, item=item, at=form.cleaned_data["at"])
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        if item.is_scheduled():
            messages.success(request, _("Scheduled: it becomes public at the time you set."))
        else:
            messages.success(request, _("Published."))
    return redirect("content:work_item", kind, pk)


@login_required
@require_POST
def item_withdraw(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    current, item = _kept_item(request, kind, pk)
    try:
        with edit_slot(request.user):
            services.item_withdraw(actor=request.user, item=item)
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Withdrawn: it is a draft again."))
    return redirect("content:work_item", kind, pk)


@login_required
def editors(request: HttpRequest) -> HttpResponse:
    """A territory admin's editors: who they are, appoint by e-mail, remove."""
    region, ids = selectors.kept_scope(request.user)
    from veche.staff.predicates import is_municipal_admin, is_regional_admin

    if not (is_regional_admin(request.user) or is_municipal_admin(request.user)):
        raise PermissionDenied(_("Only the territory's administration appoints its editors."))
    memberships = ContentEditor.objects.select_related("user", "municipality")
    if not is_regional_admin(request.user):
        memberships = memberships.filter(municipality_id__in=ids)
    error = ""
    if request.method == "POST":
        error = _appoint_or_remove(request)
        if not error:
            return redirect("content:editors")
    context = {
        "memberships": memberships.order_by("municipality__name", "user__email"),
        "municipalities": selectors.kept_municipalities(request.user),
        "region": is_regional_admin(request.user),
        "error": error,
    }
    return render(request, "content/work/editors.html", context, status=400 if error else 200)


def _appoint_or_remove(request) -> str:
    try:
        with edit_slot(request.user):
            if request.POST.get("remove"):
                membership = get_object_or_404(ContentEditor, pk=request.POST["remove"])
                services.editor_remove(actor=request.user, membership=membership)
                messages.success(request, _("The editor is removed."))
                return ""
            email = (request.POST.get("email") or "").strip()
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                return _("No active account has this e-mail.")
            municipality = None
            if request.POST.get("municipality"):
                municipality = Municipality.objects.filter(pk=request.POST["municipality"]).first()
                if municipality is None:
                    return _("Choose a municipality from the list.")
            services.editor_appoint(actor=request.user, user=user, municipality=municipality)
            messages.success(request, _("The editor is appointed."))
            return ""
    except ratelimit.Limited:
        return _("Too many changes in a short time. Try again in a few minutes.")
    except (ValidationError, PermissionDenied) as error:
        return error_text(error)
