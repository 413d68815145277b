"""Filing an idea on the web: one form, keyboard-usable and complete without JavaScript (the
point may be typed; a script lets the resident click it on the map)."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from veche.core import ratelimit
from veche.core.forms import apply_service_errors, refusal_message
from veche.territory.maps import map_settings, place_bounds

from .. import services
from ..forms import IdeaForm
from ..models import Campaign
from ..services.ratings import filing_refusal
from ..throttle import filing_slot


def _submit(request: HttpRequest, form: IdeaForm):
    data = form.cleaned_data
    try:
        with filing_slot(request.user):
            return services.idea_submit(
                author=request.user,
                title=data["title"],
                text=data["text"],
                category=data["category"],
                municipality=data["municipality"],
                lat=data.get("lat"),
                lon=data.get("lon"),
                photos=data.get("photos") or [],
                files=data.get("files") or [],
                client_token=data.get("client_token") or None,
                campaign=data.get("campaign"),
            )
    except ratelimit.Limited as limited:
        minutes = ratelimit.minutes_to_wait(limited.retry_after)
        form.add_error(
            None,
            _("You have proposed many ideas in a short time: try again in %(minutes)d min.")
            % {"minutes": minutes},
        )
    except PermissionDenied as error:
        form.add_error(None, refusal_message(error))
    except ValidationError as error:
        apply_service_errors(form, error, fields={"location": "lat"})
    return None


def _campaign(value) -> Campaign | None:
    """The published campaign an idea is filed into, from the address or the form."""
    if not str(value or "").isdigit():
        return None
    return Campaign.objects.filter(pk=int(value), is_published=True).first()


def new_idea(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "ideas/login_needed.html", {"next": request.get_full_path()})
    if not request.user.has_perm("ideas.file_idea"):
        return render(request, "ideas/cannot_file.html", status=403)
    status = 200
    if request.method == "POST":
        form = IdeaForm(request.POST, request.FILES)
        if form.is_valid():
            idea = _submit(request, form)
            if idea is not None:
                messages.success(
                    request,
                    _("Idea № %(number)s is sent. A moderator will check it and publish it.")
                    % {"number": idea.pk},
                )
                return redirect("ideas:detail", pk=idea.pk)
        status = 400
    else:
        settlement = request.user.settlement
        initial = {
            "client_token": uuid.uuid4().hex,
            "municipality": settlement.municipality_id if settlement else None,
        }
        campaign = _campaign(request.GET.get("campaign"))
        if campaign is not None:
            initial["campaign"] = campaign.pk
            initial["municipality"] = campaign.municipality_id or initial["municipality"]
        form = IdeaForm(initial=initial)
    municipality = form["municipality"].value()
    campaign = _campaign(form["campaign"].value())
    context = {
        "campaign": campaign,
        "campaign_refusal": filing_refusal(request.user, campaign) if campaign else "",
        "form": form,
        "map": map_settings(),
        "bounds": place_bounds(int(municipality) if str(municipality or "").isdigit() else None),
    }
    return render(request, "ideas/new.html", context, status=status)
