"""Admin for coordinators: crisis resources are edited here (each edit audited, see
groups/admin_audit.py); moderation records are read only (they are history), and never
show message text. Escalations are worked through actions (acknowledge, in contact, handed
off, close, add note) that go through the same services as the coordinator page, so every
step is authorised and audited."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from groups.admin_audit import AuditedAdmin, ReadOnlyAdmin
from groups.errors import ServiceError
from moderation import coordinators
from moderation.models import (
    CoordinatorPage,
    CrisisResource,
    Escalation,
    EscalationTransition,
    Flag,
    Hold,
    Note,
    ReviewTransition,
    ScreenRecord,
)


@admin.register(CrisisResource)
class CrisisResourceAdmin(AuditedAdmin):
    list_display = ["country", "name", "phone", "text", "hours", "last_verified", "active"]
    list_filter = ["country", "active"]
    search_fields = ["name", "country"]


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


class EscalationActionForm(ActionForm):
    """The action bar with a note field: with a step, kept on its transition; alone, a
    Note the facilitators see too. Never in the audit log."""

    note = forms.CharField(
        required=False, max_length=coordinators.NOTE_MAX_CHARS, label="Note", strip=True
    )


def _ladder_action(state: str, label: str) -> Callable[..., None]:
    def action(model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
        note = request.POST.get("note", "")
        _each(
            model_admin,
            request,
            queryset,
            lambda pk, now: coordinators.coordinator_escalation_update(
                acting_user=request.user,  # type: ignore[arg-type]
                escalation_id=pk,
                state=state,
                note=note,
                now=now,
            ),
            done=label.lower(),
        )

    action.__name__ = f"escalation_{state}"
    return admin.action(description=label)(action)


def _each(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    work: Callable[[int, Any], object],
    *,
    done: str,
) -> None:
    """Run ``work`` on each selected escalation; report what happened, refusals included."""
    now = timezone.now()
    succeeded = 0
    for pk in queryset.values_list("pk", flat=True):
        try:
            work(pk, now)
            succeeded += 1
        except ServiceError as exc:
            detail = "you do not coordinate its group" if exc.code == "not_found" else exc.detail
            model_admin.message_user(request, f"Escalation {pk}: {detail}", messages.WARNING)
    if succeeded:
        model_admin.message_user(request, f"{succeeded} escalation(s): {done}.", messages.SUCCESS)


@admin.action(description="Add note")
def escalation_add_note(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    text = request.POST.get("note", "")
    _each(
        model_admin,
        request,
        queryset,
        lambda pk, now: coordinators.coordinator_escalation_note(
            acting_user=request.user,  # type: ignore[arg-type]
            escalation_id=pk,
            text=text,
            now=now,
        ),
        done="note added",
    )


class EscalationTransitionInline(admin.TabularInline):
    model = EscalationTransition
    fields = ["at", "from_state", "to_state", "actor", "note"]
    readonly_fields = ["at", "from_state", "to_state", "actor", "note"]
    extra = 0
    can_delete = False
    ordering = ["at", "pk"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EscalationNoteInline(admin.TabularInline):
    """Notes on the escalation, facilitators' and coordinators' alike, beside its steps."""

    model = Note
    fk_name = "escalation"
    fields = ["created_at", "author", "text"]
    readonly_fields = ["created_at", "author", "text"]
    extra = 0
    can_delete = False
    ordering = ["created_at", "pk"]
    verbose_name_plural = "notes"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Whoever may read an escalation reads its notes, as they read its transitions'
        # notes: there is no Note admin, so no separate permission to grant.
        return request.user.has_perm("moderation.view_escalation")


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    # Not an AuditedAdmin: nothing is added, changed or deleted here by hand, and each
    # action's service writes its own audit row (a second one here would count it twice).
    list_display = [
        "opened_at",
        "group",
        "severity",
        "state",
        "ack_deadline",
        "coordinators_paged_at",
    ]
    list_filter = ["state", "group"]
    inlines = [EscalationTransitionInline, EscalationNoteInline]
    action_form = EscalationActionForm
    actions = [
        _ladder_action("acknowledged", "Acknowledge"),
        _ladder_action("in_contact", "In contact"),
        _ladder_action("handed_off", "Handed off"),
        _ladder_action("closed", "Close"),
        escalation_add_note,
    ]


@admin.register(EscalationTransition)
class EscalationTransitionAdmin(ReadOnlyAdmin):
    list_display = ["at", "escalation", "from_state", "to_state", "actor"]


@admin.register(CoordinatorPage)
class CoordinatorPageAdmin(ReadOnlyAdmin):
    """In-app pages: what coordinators on call see first."""

    list_display = ["created_at", "escalation", "channel", "recipient", "status", "attempts"]
    list_filter = ["status", "channel"]
