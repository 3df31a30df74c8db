"""Admin for coordinators: crisis resources are edited here; moderation records are read
only (they are history), and never show message text."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from moderation.models import (
    CoordinatorPage,
    CrisisResource,
    Escalation,
    EscalationTransition,
    Flag,
    Hold,
    ReviewTransition,
    ScreenRecord,
)


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = ["country", "name", "phone", "text", "hours", "last_verified", "active"]
    list_filter = ["country", "active"]
    search_fields = ["name", "country"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is append-only: viewable, never edited or deleted by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ScreenRecord)
class ScreenRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "category", "severity", "labels", "boundary"]
    list_filter = ["action", "category", "severity"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "group", "category", "severity", "status"]
    list_filter = ["status", "category", "severity", "group"]


@admin.register(Hold)
class HoldAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "group", "reason", "status"]
    list_filter = ["status", "reason", "group"]


@admin.register(ReviewTransition)
class ReviewTransitionAdmin(ReadOnlyAdmin):
    list_display = ["at", "flag", "hold", "from_status", "to_status", "actor"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = [
        "opened_at",
        "group",
        "severity",
        "state",
        "ack_deadline",
        "coordinators_paged_at",
    ]
    list_filter = ["state", "group"]


@admin.register(EscalationTransition)
class EscalationTransitionAdmin(ReadOnlyAdmin):
    list_display = ["at", "escalation", "from_state", "to_state", "actor"]


@admin.register(CoordinatorPage)
class CoordinatorPageAdmin(ReadOnlyAdmin):
    """In-app pages: what coordinators on call see first."""

    list_display = ["created_at", "escalation", "channel", "recipient", "status", "attempts"]
    list_filter = ["status", "channel"]
