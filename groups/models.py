"""Groups, memberships, agreements, sessions, rooms and messages."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q


class Group(models.Model):
    """A peer support group: the unit of membership, agreement and room."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=120)
    topic = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)
    capacity = models.PositiveIntegerField(
        default=12, validators=[MinValueValidator(2)], help_text="People in the room at once."
    )
    crisis_region = models.CharField(
        max_length=2, default="US", help_text="ISO 3166-1 alpha-2 code; picks crisis resources."
    )
    moderation_policy = models.JSONField(default=dict, blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coordinated_groups"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.slug


class Agreement(models.Model):
    """One version of a group's ground rules; members must accept the latest to enter."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="agreement_version_unique")
        ]
        ordering = ["group", "-version"]

    def __str__(self) -> str:
        return f"{self.group.slug} v{self.version}"


class Membership(models.Model):
    """A user in a group, under a pseudonym that is all other members ever see."""

    class Role(models.TextChoices):
        MEMBER = "member"
        FACILITATOR = "facilitator"

    class State(models.TextChoices):
        ACTIVE = "active"
        BANNED = "banned"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    pseudonym = models.CharField(max_length=40)
    state = models.CharField(max_length=16, choices=State.choices, default=State.ACTIVE)
    joined_at = models.DateTimeField(auto_now_add=True)
    # A timed mute is a time, not a flag: it survives reconnects and ends by itself.
    muted_until = models.DateTimeField(null=True, blank=True)
    # Removed by a facilitator: kept out of this session until it ends or they are readmitted.
    removed_from_session = models.ForeignKey(
        "Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="removed"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="membership_user_group_unique"),
            models.UniqueConstraint(
                fields=["group", "pseudonym"], name="membership_pseudonym_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pseudonym} in {self.group_id}"


class AgreementAcceptance(models.Model):
    """A recorded acceptance of one agreement version by one member (append-only)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="acceptances")
    version = models.PositiveIntegerField()
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "version"], name="acceptance_membership_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} accepted v{self.version}"


class Session(models.Model):
    """A meeting of a group; the room is live only while one is open."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled"
        OPEN = "open"
        CLOSED = "closed"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    state = models.CharField(max_length=16, choices=State.choices, default=State.SCHEDULED)
    scheduled_start = models.DateTimeField(null=True, blank=True)
    scheduled_end = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            # "No facilitator, no session" starts with: at most one open session per group.
            models.UniqueConstraint(
                fields=["group"], condition=Q(state="open"), name="one_open_session_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group_id} session {self.pk} ({self.state})"


class Room(models.Model):
    """The live room of a group. Its row is the lock that orders message sequence numbers."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="room")
    last_seq = models.PositiveBigIntegerField(default=0)
    # Counts the events sent to the room's facilitators (flags, holds, escalations, notes),
    # so a facilitator's connection can tell that it missed one and replay the queue.
    facilitator_seq = models.PositiveBigIntegerField(default=0)
    # While paused only facilitators post; slow mode spaces each member's messages.
    paused = models.BooleanField(default=False)
    slow_mode_seconds = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"room of {self.group_id} at seq {self.last_seq}"


class Message(models.Model):
    """A message in a room. ``seq`` is set when (and only when) it is posted."""

    class State(models.TextChoices):
        POSTED = "posted"
        HELD = "held"
        REJECTED = "rejected"
        HIDDEN = "hidden"
        DELETED = "deleted"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="messages")
    # Snapshots: what the room saw when it was posted, even if the membership changes later.
    author_pseudonym = models.CharField(max_length=40)
    author_role = models.CharField(max_length=16, choices=Membership.Role.choices)
    client_id = models.UUIDField()
    text = models.TextField(validators=[MaxLengthValidator(2000)])
    seq = models.PositiveBigIntegerField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.POSTED)
    created_at = models.DateTimeField()
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="message_room_seq_unique"),
            # The idempotency key: a resent `send` finds the first one instead of posting twice.
            models.UniqueConstraint(
                fields=["author", "client_id"], name="message_author_client_id_unique"
            ),
        ]
        indexes = [models.Index(fields=["author", "created_at"], name="message_author_recent")]

    def __str__(self) -> str:
        # Never the text: this string can end up in logs and admin history.
        return f"message {self.pk} seq={self.seq} ({self.state})"


class RoomConnection(models.Model):
    """One open websocket in a room; shared across server processes for presence."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="connections")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="connections")
    channel_name = models.CharField(max_length=200, unique=True)
    connected_at = models.DateTimeField()
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.membership_id} on {self.channel_name}"


class Certification(models.Model):
    """A facilitator's peer-support certification; expired means no opening or moderating."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certification"
    )
    certified_on = models.DateField()
    expires_on = models.DateField()

    def __str__(self) -> str:
        return f"certification of {self.user_id} until {self.expires_on}"


class AuditEntry(models.Model):
    """Append-only: who did what to which target, when. Never message text."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    action = models.CharField(max_length=40)
    target_type = models.CharField(max_length=40)
    target_id = models.CharField(max_length=64)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["group", "at"], name="audit_group_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type} {self.target_id}"
