"""Back office for crowdsourcing campaigns: a campaign's words, territory, cover and stages, and
its experts. Every change goes through the services (campaign_create / campaign_update,
campaign_expert_add / _remove), so the rules, the events and the staff audit log are the same as
on the portal; the form names the stage that is wrong before anything is saved. Ratings, verdicts
and awards are shown, never edited here."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from veche.core.forms import error_text

from . import services
from .models import Campaign, CampaignAward, CampaignExpert
from .models.campaign import STAGE_FIELDS


class CampaignAdminForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["title", "description", "municipality", "cover", "is_published", *STAGE_FIELDS]

    def clean(self):
        data = super().clean()
        cover = data.get("cover")
        try:
            services.campaigns.check_campaign(
                title=data.get("title", ""),
                description=data.get("description", ""),
                stages={name: data.get(name) for name in STAGE_FIELDS},
                cover=cover if isinstance(cover, UploadedFile) else None,
            )
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                if name not in self.errors:
                    self.add_error(name if name in self.fields else None, problems)
        probe = Campaign(municipality=data.get("municipality"))
        if self.request is not None and not self.request.user.has_perm(
            "ideas.manage_campaign", probe
        ):
            self.add_error("municipality", services.campaigns.not_organizer())
        return data


class ExpertInline(admin.TabularInline):
    model = CampaignExpert
    fields = ["user", "added_by", "created_at"]
    readonly_fields = ["added_by", "created_at"]
    raw_id_fields = ["user"]
    extra = 0


class AwardInline(admin.TabularInline):
    model = CampaignAward
    fields = ["idea", "award", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # the organizer publishes the results on the campaign's page, as a whole


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CampaignAdminForm
    list_display = [
        "title",
        "municipality",
        "is_published",
        "collecting_start",
        "results_end",
        "results_published_at",
    ]
    list_filter = ["is_published", "municipality"]
    search_fields = ["title"]
    list_select_related = ["municipality"]
    inlines = [ExpertInline, AwardInline]
    fieldsets = [
        (None, {"fields": ["title", "description", "municipality", "cover", "is_published"]}),
        (_("Stages"), {"fields": STAGE_FIELDS}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a campaign is a public record once ideas are filed for it

    def save_model(self, request, obj: Campaign, form, change: bool) -> None:
        data = form.cleaned_data
        cover = data.get("cover")
        fields = {
            "title": data["title"],
            "description": data["description"],
            "municipality": data.get("municipality"),
            "stages": {name: data.get(name) for name in STAGE_FIELDS},
            "cover": cover if isinstance(cover, UploadedFile) else None,
            "is_published": data.get("is_published", False),
        }
        try:
            if change:
                services.campaign_update(user=request.user, campaign=obj, **fields)
            else:
                obj.pk = services.campaign_create(user=request.user, **fields).pk
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, error_text(error), messages.ERROR)
            if not change:
                raise
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change: bool) -> None:
        """Experts are added and removed through the services (the role is checked, audited)."""
        # The admin's change message reads these; the services' events and audit rows say more.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if formset.model is not CampaignExpert:
            return
        campaign = form.instance
        for removed in formset.deleted_forms:
            if removed.instance.pk:
                services.campaign_expert_remove(
                    user=request.user, campaign=campaign, expert=removed.instance.user
                )
        for inline in formset.forms:
            user = inline.cleaned_data.get("user") if hasattr(inline, "cleaned_data") else None
            if user is None or inline.cleaned_data.get("DELETE") or inline.instance.pk:
                continue
            try:
                services.campaign_expert_add(user=request.user, campaign=campaign, expert=user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{user}: {error_text(error)}", messages.ERROR)
