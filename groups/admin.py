"""Django admin for coordinators. Message text is deliberately not listed or searchable.
Every admin that can write is an AuditedAdmin: each add, change and delete made here is in
the audit log, which is itself read only."""

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from groups.admin_audit import AuditedAdmin, ReadOnlyAdmin
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
class GroupAdmin(AuditedAdmin):
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
class MembershipAdmin(AuditedAdmin):
    list_display = ["pseudonym", "group", "role", "state", "user"]
    list_filter = ["role", "state", "group"]
    search_fields = ["pseudonym", "user__username"]


@admin.register(AgreementAcceptance)
class AgreementAcceptanceAdmin(AuditedAdmin):
    list_display = ["membership", "version", "accepted_at"]
    readonly_fields = ["membership", "version", "accepted_at"]

    def audit_group_id(self, obj: Model) -> int | None:
        # An acceptance has no group of its own: it is its membership's.
        if isinstance(obj, AgreementAcceptance):
            return obj.membership.group_id
        return super().audit_group_id(obj)


@admin.register(Session)
class SessionAdmin(AuditedAdmin):
    list_display = ["group", "state", "scheduled_start", "scheduled_end", "opened_at", "closed_at"]
    list_filter = ["state", "group"]


@admin.register(Certification)
class CertificationAdmin(AuditedAdmin):
    list_display = ["user", "certified_on", "expires_on"]
    search_fields = ["user__username"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read only: the audit log is append-only."""

    # detail is ids, field names and codes only (groups/audit.py), so it is safe to list.
    list_display = ["at", "actor", "group", "action", "target_type", "target_id", "detail"]
    list_filter = ["action", "group"]
