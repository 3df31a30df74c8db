"""Moderation records, flags, holds (with their history) and crisis resources."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models


class ScreenRecord(models.Model):
    """What the screen decided for one ``send``: exactly one per (author, client_id).

    It never holds the text: for a blocked message this row is all that is kept (SPEC 3.3),
    and for the others the text lives in the message row, which retention purges.
    """

    class Action(models.TextChoices):
        POST = "post"
        POST_AND_FLAG = "post_and_flag"
        HOLD = "hold"
        BLOCK = "block"

    author = models.ForeignKey(
        "groups.Membership", on_delete=models.CASCADE, related_name="screen_records"
    )
    client_id = models.UUIDField()
    message = models.OneToOneField(
        "groups.Message",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="screen_record",
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    # The label that explains the decision (crisis first); picks the author's kind reason.
    category = models.CharField(max_length=16, blank=True)
    labels = models.JSONField(default=list)
    severity = models.CharField(max_length=16, blank=True)
    boundary = models.JSONField(default=list)
    reasons = models.JSONField(default=list)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_id"], name="screen_record_author_client_id_unique"
            )
        ]
        # The per-member rate limit counts recent sends.
        indexes = [models.Index(fields=["author", "created_at"], name="screen_record_recent")]

    def __str__(self) -> str:
        return f"screen {self.pk}: {self.action} {self.labels}"


class Flag(models.Model):
    """A message the facilitators must look at: one per message."""

    class Category(models.TextChoices):
        CRISIS = "crisis"
        BOUNDARY = "boundary"
        HARASSMENT = "harassment"
        PROFANITY = "profanity"

    class Status(models.TextChoices):
        OPEN = "open"
        ACKNOWLEDGED = "acknowledged"
        RESOLVED = "resolved"

    message = models.OneToOneField("groups.Message", on_delete=models.CASCADE, related_name="flag")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="flags")
    category = models.CharField(max_length=16, choices=Category.choices)
    severity = models.CharField(max_length=16, blank=True)
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"flag {self.pk}: {self.category} {self.severity} ({self.status})"


class Hold(models.Model):
    """A message kept from the room until a facilitator approves or rejects it."""

    class Status(models.TextChoices):
        PENDING = "pending"
        APPROVED = "approved"
        REJECTED = "rejected"

    message = models.OneToOneField("groups.Message", on_delete=models.CASCADE, related_name="hold")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="holds")
    reason = models.CharField(max_length=32)
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"hold {self.pk}: {self.reason} ({self.status})"


class ReviewTransition(models.Model):
    """Every change of a flag's or hold's status: who, when, from, to (append-only)."""

    flag = models.ForeignKey(
        Flag, null=True, blank=True, on_delete=models.CASCADE, related_name="transitions"
    )
    hold = models.ForeignKey(
        Hold, null=True, blank=True, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(flag__isnull=False, hold__isnull=True)
                | models.Q(flag__isnull=True, hold__isnull=False),
                name="transition_targets_one_review",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


class CrisisResource(models.Model):
    """A crisis line shown on the crisis card, "Get help now" and escalations."""

    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2, e.g. US, GB.")
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=40, blank=True)
    text = models.CharField(max_length=80, blank=True, help_text='e.g. "text HOME to 741741"')
    url = models.URLField(blank=True)
    hours = models.CharField(max_length=80, blank=True)
    last_verified = models.DateField(
        null=True, blank=True, help_text="When a coordinator last checked these details."
    )
    source = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["country", "order", "name"]

    def __str__(self) -> str:
        return f"{self.country}: {self.name}"


class Escalation(models.Model):
    """An urgent crisis flag that must reach a human: stored before anyone is alerted.

    The acknowledgement deadline lives here, in the database, so it survives restarts and
    does not depend on any websocket being open.
    """

    class State(models.TextChoices):
        OPEN = "open"
        ACKNOWLEDGED = "acknowledged"
        IN_CONTACT = "in_contact"
        HANDED_OFF = "handed_off"
        CLOSED = "closed"

    flag = models.OneToOneField(Flag, on_delete=models.CASCADE, related_name="escalation")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="escalations")
    severity = models.CharField(max_length=16, default="urgent")
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField()
    ack_deadline = models.DateTimeField()
    coordinators_paged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "ack_deadline"], name="escalation_due"),
        ]

    def __str__(self) -> str:
        return f"escalation {self.pk} ({self.state})"


class EscalationTransition(models.Model):
    """Every change of an escalation's state: who, when, note (append-only)."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.from_state or 'new'} → {self.to_state}"


class CoordinatorPage(models.Model):
    """One page of an escalation to coordinators, on one channel, delivered by the worker.

    Webhook and e-mail pages are retried with backoff until delivered; in-app pages are
    delivered when created (coordinators see them in the admin). Never carries message
    text or who wrote it.
    """

    class Channel(models.TextChoices):
        IN_APP = "in_app"
        WEBHOOK = "webhook"
        EMAIL = "email"

    class Status(models.TextChoices):
        PENDING = "pending"
        DELIVERED = "delivered"

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="pages")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="page_due")]

    def __str__(self) -> str:
        return f"page {self.pk} {self.channel} ({self.status})"


class Report(models.Model):
    """A member's report on a posted message: worried (welfare), abuse or boundary."""

    class Kind(models.TextChoices):
        WORRIED = "worried"
        ABUSE = "abuse"
        BOUNDARY = "boundary"

    message = models.ForeignKey("groups.Message", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        "groups.Membership", on_delete=models.CASCADE, related_name="reports_made"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter", "kind"], name="report_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"report {self.pk}: {self.kind}"


class Note(models.Model):
    """A facilitator's private note on one member or one escalation (exactly one).

    Private to the group's facilitators and its coordinators: never in a transcript, never
    in a log or an audit row (those hold its id only).
    """

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="notes")
    membership = models.ForeignKey(
        "groups.Membership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notes_about",
    )
    escalation = models.ForeignKey(
        Escalation, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(membership__isnull=False, escalation__isnull=True)
                | models.Q(membership__isnull=True, escalation__isnull=False),
                name="note_about_one_thing",
            )
        ]
        indexes = [models.Index(fields=["group", "created_at"], name="note_group_recent")]

    def __str__(self) -> str:
        # Never the text: this string can end up in logs and admin history.
        about = f"membership {self.membership_id}" if self.membership_id else "escalation"
        return f"note {self.pk} on {about}"
