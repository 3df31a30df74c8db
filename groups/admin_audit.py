"""Every write made in the Django admin goes into the audit log, in the transaction of the
write itself: adds, changes and deletes, one row per object, inline objects included.

The rows name the fields that changed, never their values: a pseudonym, an agreement's
text or a crisis line typed into a form is something a person wrote, and the audit log
holds ids, field names and codes only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone

from groups.audit import audit_record
from groups.models import Group


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose add, change and delete (one object or a selection) each write an
    ``admin_<verb>_<model>`` audit row in the same transaction as the write."""

    def audit_group_id(self, obj: models.Model) -> int | None:
        """The group ``obj`` belongs to, for the audit row (``None``: it has none)."""
        if isinstance(obj, Group):
            return obj.pk
        group_id = getattr(obj, "group_id", None)
        return group_id if isinstance(group_id, int) else None

    def audit_write(
        self,
        request: HttpRequest,
        obj: models.Model,
        verb: str,
        *,
        fields: list[str] | None = None,
        target_id: object = None,
    ) -> None:
        """Append the audit row for one admin write on ``obj``; ``fields`` are names only."""
        model_name = obj._meta.model_name or type(obj).__name__.lower()
        # The admin only lets staff in, so this is always a real user; the check keeps an
        # anonymous user (should one ever get this far) from being recorded as an actor.
        actor = request.user if isinstance(request.user, User) else None
        audit_record(
            actor=actor,
            group_id=self.audit_group_id(obj),
            action=f"admin_{verb}_{model_name}",
            target_type=model_name,
            target_id=obj.pk if target_id is None else target_id,
            at=timezone.now(),
            detail=None if fields is None else {"fields": list(fields)},
        )

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        """Save, and audit the add or change with the names of the fields the form changed."""
        # The changeform view is atomic already; this keeps the row and the write together
        # for any other caller (the changelist's list_editable, a subclass).
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            # A save with nothing changed is still recorded: someone with the power to
            # change the object submitted its form, and the row says so with no fields.
            self.audit_write(request, obj, "change" if change else "add", fields=form.changed_data)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: Any, change: bool
    ) -> None:
        """Save an inline formset and audit each object it added, changed or deleted."""
        with transaction.atomic():
            # A deleted object has no pk once it is gone, and an added one is matched to
            # its form only by identity: note both before the formset saves.
            deleted_pks = {id(f.instance): f.instance.pk for f in formset.deleted_forms}
            added_fields = {id(f.instance): f.changed_data for f in formset.extra_forms}
            super().save_formset(request, form, formset, change)
            for obj in formset.new_objects:
                self.audit_write(request, obj, "add", fields=added_fields.get(id(obj), []))
            for obj, changed in formset.changed_objects:
                self.audit_write(request, obj, "change", fields=changed)
            for obj in formset.deleted_objects:
                self.audit_write(request, obj, "delete", target_id=deleted_pks[id(obj)])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        """Delete one object and audit it."""
        with transaction.atomic():
            # Written first, while the object still has its pk and its group still exists.
            # When the object is the group itself, the delete sets this row's group (like
            # every other row of that group) to NULL; the target id still names it.
            self.audit_write(request, obj, "delete")
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        """Delete a selection (the "delete selected" action): one audit row per object."""
        # The changelist does not run actions in a transaction: without this, a failed
        # delete could leave rows for objects that are still there.
        with transaction.atomic():
            for obj in queryset:
                self.audit_write(request, obj, "delete")
            super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is append-only (the audit log, moderation history): viewable, never added,
    edited or deleted by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
