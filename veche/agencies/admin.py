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
        region = cleaned.get("region")
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
        (None, {"fields": ("region", "kind", "name", "short_name", "is_active")}),
        (_("Territory served"), {"fields": ("administers", "municipalities")}),
        (_("Contacts"), {"fields": ("email", "phone", "address")}),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # An administration always serves the municipality it heads, even if left unticked.
        services.agency_update(agency=form.instance)
