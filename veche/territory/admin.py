"""Back office for the territory: regions, municipalities and settlements with their boundaries.

A boundary is edited as GeoJSON text; the model's validator explains, in the user's language,
what is wrong with it (type, unclosed ring, point out of range).
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Municipality, Place, Region, Settlement

BOUNDARY_WIDGET = forms.Textarea(attrs={"rows": 10, "cols": 100, "class": "vLargeTextField"})


class BoundedAdmin(admin.ModelAdmin):
    readonly_fields = ("bounding_box",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "boundary":
            kwargs["widget"] = BOUNDARY_WIDGET
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("bounding box (lon, lat)"))
    def bounding_box(self, obj) -> str:
        if obj.min_lon is None:
            return "—"
        return f"{obj.min_lon:.4f}, {obj.min_lat:.4f} — {obj.max_lon:.4f}, {obj.max_lat:.4f}"

    @admin.display(description=_("boundary"), boolean=True)
    def has_boundary(self, obj) -> bool:
        return bool(obj.boundary)


GEOGRAPHY = (_("Geography"), {"fields": ("centre_lat", "centre_lon", "boundary", "bounding_box")})


@admin.register(Region)
class RegionAdmin(BoundedAdmin):
    list_display = ("name", "slug", "timezone", "has_boundary")
    search_fields = ("name", "slug")
    fieldsets = ((None, {"fields": ("name", "slug", "timezone")}), GEOGRAPHY)


class SettlementInline(admin.TabularInline):
    model = Settlement
    fields = ("name", "kind", "population", "centre_lat", "centre_lon")
    extra = 0
    show_change_link = True


@admin.register(Municipality)
class MunicipalityAdmin(BoundedAdmin):
    list_display = ("name", "kind", "region", "admin_centre", "population", "has_boundary")
    list_filter = ("region", "kind")
    search_fields = ("name", "slug", "admin_centre")
    list_select_related = ("region",)
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("region", "kind", "name", "slug", "admin_centre", "population")}),
        GEOGRAPHY,
    )
    inlines = [SettlementInline]


@admin.register(Settlement)
class SettlementAdmin(BoundedAdmin):
    list_display = ("name", "kind", "municipality", "population", "has_boundary")
    list_filter = ("kind", "municipality__region", "municipality")
    search_fields = ("name", "municipality__name")
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)
    fieldsets = ((None, {"fields": ("municipality", "kind", "name", "population")}), GEOGRAPHY)


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    """The gazetteer: loaded by `manage.py import_gazetteer`, corrected here."""

    list_display = ("name", "kind", "settlement", "lat", "lon")
    list_filter = ("kind",)
    search_fields = ("key",)
    list_select_related = ("settlement__municipality",)
    autocomplete_fields = ("settlement",)
