"""The back office: categories are plain configuration; objects are shown read-only (every
change goes through the services, which check who keeps the object and write its history); an
import is uploaded here and runs as a background task, its page showing how far it got."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import Category, Facility, HistoryEntry, ImportJob
from .services.jobs import job_start


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)
    # The report topics offered first on a report about an object of this category; none →
    # the topics of the general «Объект» sphere (selectors.GENERAL_TOPICS_CATEGORY).
    filter_horizontal = ("report_topics",)


class HistoryInline(admin.TabularInline):
    model = HistoryEntry
    extra = 0
    can_delete = False
    readonly_fields = ("source", "changes", "created_at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "municipality", "year", "status", "progress")
    list_filter = ("status", "year", "category", "municipality")
    search_fields = ("name", "source_id", "address")
    list_select_related = ("category", "municipality")
    inlines = [HistoryInline]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ImportForm(forms.ModelForm):
    class Meta:
        model = ImportJob
        fields = ("file",)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        return upload


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Add = upload a file (the import is enqueued); the change page is the import's status."""

    form = ImportForm
    list_display = ("filename", "state", "progress", "created_at", "finished_at")
    readonly_fields = ("filename", "state", "progress", "outcome", "created_at", "finished_at")

    def get_fields(self, request, obj=None):
        return ("file",) if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    @admin.display(description=_("progress"))
    def progress(self, job: ImportJob) -> str:
        if not job.rows_total:
            return "—"
        return f"{job.rows_done} / {job.rows_total}"

    @admin.display(description=_("result"))
    def outcome(self, job: ImportJob) -> str:
        if job.errors:
            return format_html(
                "<ul>{}</ul>",
                format_html_join("", "<li>{}: {}</li>", ((line, msg) for line, msg in job.errors)),
            )
        if job.result:
            return _("created %(created)s, updated %(updated)s, unchanged %(unchanged)s") % (
                job.result
            )
        return "—"

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        # job_start refuses (PermissionDenied → the 403 page) anyone but a regional admin.
        obj.pk = job_start(user=request.user, upload=form.cleaned_data["file"]).pk
