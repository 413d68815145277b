"""Back office for agencies: the territory each serves. The staff app adds, read-only, each
agency's staff to this page (veche/staff/admin.py): roles are its data, above this app."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Agency


class AgencyAdminForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = (
            "region",
            "kind",
            "name",
            "name_accusative",
            "short_name",
            "is_active",
            "administers",
            "municipalities",
            "email",
            "phone",
            "address",
        )

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region") or getattr(self.instance, "region", None)
        served = cleaned.get("municipalities") or []
        if region is not None and any(m.region_id != region.pk for m in served):
            self.add_error(
                "municipalities", _("Every municipality served must be in the agency's region.")
            )
        return cleaned


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyAdminForm
    list_display = ("name", "short_name", "kind", "region", "administers", "is_active")
    list_filter = ("kind", "is_active", "region", "municipalities")
    search_fields = ("name", "short_name", "email")
    list_select_related = ("region", "administers")
    autocomplete_fields = ("administers",)
    filter_horizontal = ("municipalities",)
    fieldsets = (
        (
            None,
            {"fields": ("region", "kind", "name", "name_accusative", "short_name", "is_active")},
        ),
        (_("Territory served"), {"fields": ("administers", "municipalities")}),
        (_("Contacts"), {"fields": ("email", "phone", "address")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # An agency stays in its region: the services have no move between regions.
        return ("region",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        """Write through the services, so their rules hold here too (an administration always
        serves the municipality it heads, even if left unticked)."""
        data = {name: form.cleaned_data[name] for name in services.EDITABLE if name in form.fields}
        municipalities = form.cleaned_data.get("municipalities") or []
        if change:
            saved = services.agency_update(agency=obj, municipalities=municipalities, **data)
        else:
            saved = services.agency_create(
                region=form.cleaned_data["region"], municipalities=municipalities, **data
            )
        obj.pk = saved.pk
        form.instance = saved

    def save_related(self, request, form, formsets, change):
        # The territory served was written by the service; only the (read-only) inline remains.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
