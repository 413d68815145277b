"""Back office for voting points: every change goes through the services (rule, audit row).
Points are added and their operators granted on the staff pages (/voting/points/), which call
the same services; here a point is edited and its members are read."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from veche.core.forms import error_text

from . import services
from .models import VotingPoint, VotingPointMember


class MemberInline(admin.TabularInline):
    model = VotingPointMember
    fields = ["user", "granted_by", "granted_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # through voting_point_member_grant (the staff page), which checks the role


@admin.register(VotingPoint)
class VotingPointAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "address", "is_active"]
    list_filter = ["is_active", "municipality"]
    search_fields = ["title", "address"]
    list_select_related = ["municipality"]
    fields = ["municipality", "title", "address", "note", "is_active", "created_by"]
    # A point stays in its municipality: a point elsewhere is a new point.
    readonly_fields = ["municipality", "created_by"]
    inlines = [MemberInline]

    def has_add_permission(self, request) -> bool:
        return False  # on the staff page, through voting_point_create

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # close a point (is_active) instead: ballots refer to it

    def save_model(self, request, obj: VotingPoint, form, change: bool) -> None:
        editable = ("title", "address", "note", "is_active")
        fields = {name: form.cleaned_data.get(name, getattr(obj, name)) for name in editable}
        try:
            services.voting_point_update(actor=request.user, point=obj, **fields)
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, error_text(error), messages.ERROR)
