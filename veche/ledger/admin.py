"""The ledger in the back office, for staff to read: accounts, transactions and their entries.
Nothing is written here: money moves only through `services.post`."""

from django.contrib import admin

from .models import Account, Entry, Transaction


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EntryInline(admin.TabularInline):
    model = Entry
    fields = ["account", "amount", "balance_after"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["id", "currency", "kind", "owner_type", "owner_id", "balance", "created_at"]
    list_filter = ["currency", "kind"]
    search_fields = ["=owner_id", "=id"]


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "key", "memo", "reverses", "created_at"]
    list_filter = ["kind"]
    search_fields = ["=key", "=id"]
    inlines = [EntryInline]
    show_full_result_count = False
