"""The working-day calendar in the back office: list by year, filter by kind, edit a day.

Every save and delete goes through the services, so the admin's change is marked as such (the
loader keeps it) and the cached calendar is dropped at once.
"""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import services
from .models import CalendarDay


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(date__year=int(value)) if value and value.isdigit() else queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "weekday", "is_working", "kind", "note", "source", "updated_by")
    list_display_links = ("date",)
    list_editable = ("is_working", "kind", "note")
    list_filter = (YearFilter, "kind", "is_working", "source")
    date_hierarchy = "date"
    search_fields = ("note",)
    ordering = ("date",)
    fields = ("date", "is_working", "kind", "note", "source", "updated_by", "updated_at")
    readonly_fields = ("source", "updated_by", "updated_at")
    list_per_page = 100

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarDay) -> str:
        return date_format(obj.date, "l")

    def has_module_permission(self, request):
        # Regional admins hold the calendar through `rules`, not Django's permission table.
        return request.user.has_perm("workdays.view_calendarday")

    def get_readonly_fields(self, request, obj=None):
        # A row is its date: changing the date would leave the old date's exception behind.
        return self.readonly_fields + (("date",) if obj else ())

    def save_model(self, request, obj, form, change):
        saved = services.calendar_day_set(
            day=obj.date,
            is_working=obj.is_working,
            kind=obj.kind,
            note=obj.note,
            actor=request.user,
        )
        obj.pk, obj.source, obj.updated_by = saved.pk, saved.source, saved.updated_by

    def delete_model(self, request, obj):
        services.calendar_day_delete(day=obj.date, actor=request.user)

    def delete_queryset(self, request, queryset):
        for day in queryset.values_list("date", flat=True):
            services.calendar_day_delete(day=day, actor=request.user)
