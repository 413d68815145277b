"""The back office shows the registry read-only, with links to the staff pages: every change
goes through the services, which check who keeps the project, lock, audit and record the event."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Project, ProjectPhoto, ProjectUpdate, RealizedCount


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class UpdateInline(admin.TabularInline):
    model = ProjectUpdate
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "text", "created_at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnly):
    list_display = (
        "name",
        "municipality",
        "settlement",
        "year",
        "direction",
        "status",
        "staff_page",
    )
    list_filter = ("status", "direction", "year", "municipality")
    search_fields = ("name",)
    list_select_related = ("municipality", "settlement")
    inlines = [UpdateInline]

    @admin.display(description=_("staff page"))
    def staff_page(self, project: Project) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("realized:manage", args=[project.pk]), _("open")
        )


@admin.register(ProjectPhoto)
class ProjectPhotoAdmin(ReadOnly):
    list_display = ("project", "stage", "created_at")
    list_filter = ("stage",)


@admin.register(RealizedCount)
class RealizedCountAdmin(ReadOnly):
    list_display = ("municipality", "year", "realized", "updated_at")
    list_filter = ("year",)
