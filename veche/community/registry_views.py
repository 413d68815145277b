"""The registries' pages (docs/community.md, "Registries"): their home with the counters, the
lists of NGOs, activists and projects with filters and Russian search (GET forms, no
JavaScript), an NGO's and an activist's page with partners and news, a resident's own activist
profile and NGO registration, joining an NGO, and a moderator's verification with evidence."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from veche.core import ratelimit
from veche.core.forms import error_text, service_errors
from veche.core.paging import CachedCountPaginator

from . import selectors, services
from .forms import ActivistForm, FilterForm, NewsForm, OrganizationForm, VerifyForm
from .models import Activist, LinkKind, Organization, OrganizationKind, Review
from .throttle import registry_slot

PER_PAGE = 20


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _list(
    request, *, template: str, selector: Callable, kinds=None, verified=True, default_kind=""
):
    data = request.GET.copy()
    if default_kind and "kind" not in data:
        data["kind"] = default_kind
    form = FilterForm(
        data or None,
        municipalities=selectors.municipalities(),
        kinds=kinds,
        verified=verified,
    )
    filters = form.filters()
    listed = selectors.PagedList(selector(filters), estimate=not filters.q)
    # CachedCountPaginator: a full page even where the kept or estimated count is behind the list.
    page = CachedCountPaginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, template, {"form": form, "page": page, "query": _query(request)})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {"counters": selectors.counters(), "grant_contests": selectors.grant_contests()}
    return render(request, "community/home.html", context)


@require_GET
def organization_list(request: HttpRequest) -> HttpResponse:
    kinds = [("", _("any"))] + OrganizationKind.choices
    return _list(
        request,
        template="community/organizations.html",
        selector=selectors.organizations,
        kinds=kinds,
    )


@require_GET
def activist_list(request: HttpRequest) -> HttpResponse:
    return _list(request, template="community/activists.html", selector=selectors.activists)


def _is_moderator(request) -> bool:
    return request.user.has_perm("community.moderate_registry")


@require_GET
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        organization = selectors.organization_page(pk, staff=_is_moderator(request))
    except ObjectDoesNotExist:
        raise Http404 from None
    return render(
        request,
        "community/organization.html",
        {
            "entry": organization,
            "kind": LinkKind.ORGANIZATION,
            "members": selectors.members(organization),
            "partners": selectors.partners(LinkKind.ORGANIZATION, pk),
            "news": selectors.news_of(LinkKind.ORGANIZATION, pk),
            "projects": organization.projects.only("pk", "title").order_by("title")[:50],
            "verify_form": VerifyForm(),
            "show_contacts": organization.contacts_public or _is_moderator(request),
        },
    )


@require_GET
def activist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        activist = selectors.activist_page(pk, staff=_is_moderator(request))
    except ObjectDoesNotExist:
        raise Http404 from None
    return render(
        request,
        "community/activist.html",
        {
            "entry": activist,
            "kind": LinkKind.ACTIVIST,
            "partners": selectors.partners(LinkKind.ACTIVIST, pk),
            "news": selectors.news_of(LinkKind.ACTIVIST, pk),
            "projects": activist.projects.only("pk", "title").order_by("title")[:50],
            "verify_form": VerifyForm(),
        },
    )


def _limited(form) -> None:
    form.add_error(None, _("Too many changes in a short time. Try again later."))


@login_required
@require_http_methods(["GET", "POST"])
def activist_me(request: HttpRequest) -> HttpResponse:
    """The resident's own public profile: opening it (it waits for a moderator) or changing it."""
    mine = Activist.objects.filter(user=request.user).first()
    initial = (
        {
            "name": mine.name,
            "about": mine.about,
            "municipality": mine.municipality_id,
            "direction": mine.direction,
        }
        if mine
        else {"name": request.user.public_name}
    )
    form = ActivistForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with registry_slot(request.user), service_errors(form, refusal_on_form=True):
                services.activist_save(user=request.user, **form.cleaned_data)
        except ratelimit.Limited:
            _limited(form)
        if not form.errors:
            messages.success(
                request,
                _("Your profile is saved.")
                if mine and mine.is_public
                else _("Your profile is saved and waits for a moderator."),
            )
            return redirect("community:activist_me")
    status = 400 if form.errors else 200
    context = {"form": form, "mine": mine}
    return render(request, "community/activist_me.html", context, status=status)


@login_required
@require_POST
def activist_withdraw(request: HttpRequest) -> HttpResponse:
    if services.activist_withdraw(user=request.user):
        messages.success(request, _("Your public profile is closed."))
    return redirect("community:activist_me")


@login_required
@require_http_methods(["GET", "POST"])
def organization_new(request: HttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with registry_slot(request.user), service_errors(form, refusal_on_form=True):
                organization = services.organization_register(
                    user=request.user, **form.cleaned_data
                )
        except ratelimit.Limited:
            _limited(form)
        if not form.errors:
            messages.success(
                request,
                _("«%(name)s» is registered and waits for a moderator.")
                % {"name": organization.name},
            )
            return redirect("community:organizations")
    status = 400 if form.errors else 200
    return render(request, "community/organization_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organization_news(request: HttpRequest, pk: int) -> HttpResponse:
    """A verified member writes the NGO's news; it waits for a moderator (docs/community.md)."""
    organization = get_object_or_404(Organization, pk=pk, status=Review.APPROVED)
    if not request.user.has_perm("community.publish_news", organization):
        raise PermissionDenied(
            _("Only the NGO's verified members or a moderator publish its news.")
        )
    form = NewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with registry_slot(request.user), service_errors(form, refusal_on_form=True):
                news = services.news_publish(
                    author=request.user, owner=organization, **form.cleaned_data
                )
        except ratelimit.Limited:
            _limited(form)
        if not form.errors:
            if news.status == Review.APPROVED:
                messages.success(request, _("The news is published."))
            else:
                messages.success(request, _("The news waits for a moderator."))
            return redirect(organization)
    context = {"form": form, "entry": organization}
    status = 400 if form.errors else 200
    return render(request, "community/organization_news.html", context, status=status)


@login_required
@require_POST
def organization_join(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=pk)
    try:
        with registry_slot(request.user):
            services.organization_join(user=request.user, organization=organization)
        messages.success(request, _("You are a member of «%(name)s».") % {"name": organization})
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again later."))
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, error_text(refusal))
    return redirect(organization)


@login_required
@require_POST
def entry_verify(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = {"organization": Organization, "activist": Activist}.get(kind)
    if model is None:
        raise Http404
    entry = get_object_or_404(model, pk=pk)
    form = VerifyForm(request.POST)
    if form.is_valid():
        try:
            services.entry_verify(
                moderator=request.user, entry=entry, evidence=form.cleaned_data["evidence"]
            )
            messages.success(request, _("«%(name)s» is marked verified.") % {"name": entry})
        except (PermissionDenied, ValidationError) as refusal:
            messages.error(request, error_text(refusal))
    else:
        messages.error(request, _("Say what evidence you checked."))
    return redirect(entry)
