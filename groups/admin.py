"""Django admin for coordinators. Message text is deliberately not listed or searchable."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from groups.models import (
    Agreement,
    AgreementAcceptance,
    AuditEntry,
    Certification,
    Group,
    Membership,
    Session,
)
from groups.services.groups import room_ensure


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "topic", "crisis_region", "capacity"]
    search_fields = ["slug", "name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["coordinators"]
    inlines = [AgreementInline]

    def save_model(self, request: HttpRequest, obj: Group, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Every group needs its room row: it is the lock that orders message seqs.
        room_ensure(group=obj)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["pseudonym", "group", "role", "state", "user"]
    list_filter = ["role", "state", "group"]
    search_fields = ["pseudonym", "user__username"]


@admin.register(AgreementAcceptance)
class AgreementAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["membership", "version", "accepted_at"]
    readonly_fields = ["membership", "version", "accepted_at"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["group", "state", "scheduled_start", "scheduled_end", "opened_at", "closed_at"]
    list_filter = ["state", "group"]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["user", "certified_on", "expires_on"]
    search_fields = ["user__username"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the audit log is append-only."""

    list_display = ["at", "actor", "group", "action", "target_type", "target_id"]
    list_filter = ["action", "group"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
