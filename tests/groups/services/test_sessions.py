"""The one session opener and closer: a lock, an audit row and the room's notice, the same
for the button, the schedule and the demo data; and the schedule opens a session only
with a certified facilitator on duty."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from groups.errors import ServiceError
from groups.events.audiences import RoomAudience
from groups.events.notices import SessionEnded, SessionOpened
from groups.models import AuditEntry, Group, Membership, RoomConnection, Session
from groups.services.sessions import session_end, session_open, sessions_follow_schedule
from tests.conftest import certify, make_group

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    calls: list[tuple[Any, Any]] = []
    monkeypatch.setattr(
        "groups.events.transport._deliver",
        lambda event, audience, _m: calls.append((event, audience)),
    )
    return calls


def _audits(group: Group, action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(group=group, action=action))


def test_opening_is_audited_and_announced_once(
    facilitator: Membership, sent: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    group = make_group("quiet", open_session=False)
    with django_capture_on_commit_callbacks(execute=True):
        first = session_open(group_id=group.pk, acting_user=facilitator.user, now=timezone.now())
        again = session_open(group_id=group.pk, acting_user=facilitator.user, now=timezone.now())
    assert again == first and first.state == Session.State.OPEN
    [audit] = _audits(group, "session_open")
    assert audit.actor == facilitator.user and audit.target_id == str(first.pk)
    assert sent == [(SessionOpened(), RoomAudience(group.pk))]


def test_ending_is_audited_and_announced_and_needs_an_open_session(
    facilitator: Membership, sent: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    group = make_group("ending")
    with django_capture_on_commit_callbacks(execute=True):
        ended = session_end(group_id=group.pk, acting_user=facilitator.user, now=timezone.now())
    assert ended.state == Session.State.CLOSED and ended.closed_at is not None
    assert len(_audits(group, "session_end")) == 1
    assert sent == [(SessionEnded(), RoomAudience(group.pk))]
    with pytest.raises(ServiceError) as refused:
        session_end(group_id=group.pk, acting_user=facilitator.user, now=timezone.now())
    assert refused.value.code == "session_closed"


def test_the_schedule_opens_through_the_same_opener(
    facilitator: Membership, sent: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    certify(facilitator)
    group = facilitator.group
    Session.objects.filter(group=group).update(state=Session.State.CLOSED)
    now = timezone.now()
    scheduled = Session.objects.create(
        group=group,
        scheduled_start=now - timedelta(minutes=1),
        scheduled_end=now + timedelta(hours=1),
    )
    RoomConnection.objects.create(
        channel_name="c.fran",
        room=group.room,
        membership=facilitator,
        connected_at=now,
        last_seen=now,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sessions_follow_schedule(now=now) == (1, 0)
    scheduled.refresh_from_db()
    assert scheduled.state == Session.State.OPEN and scheduled.opened_by == facilitator.user
    [audit] = _audits(group, "session_open_scheduled")
    assert audit.actor == facilitator.user
    with django_capture_on_commit_callbacks(execute=True):
        assert sessions_follow_schedule(now=now + timedelta(hours=2)) == (0, 1)
    assert len(_audits(group, "session_end_scheduled")) == 1
    assert sent == [
        (SessionOpened(), RoomAudience(group.pk)),
        (SessionEnded(), RoomAudience(group.pk)),
    ]


@pytest.mark.parametrize(
    "pattern",
    [
        r"Session\.objects\.(create|bulk_create)",
        r"session\.state\s*=[^=]",
        r"Session\.objects[^\n]*\.update\(",
    ],
)
def test_only_the_sessions_module_opens_or_closes(pattern: str) -> None:
    owner = ROOT / "groups" / "services" / "sessions.py"
    elsewhere = [
        str(path.relative_to(ROOT))
        for top in ("groups", "moderation", "consumers", "server", "frontend")
        for path in (ROOT / top).rglob("*.py")
        if "migrations" not in path.parts
        and path != owner
        and re.search(pattern, path.read_text(encoding="utf-8"))
    ]
    assert elsewhere == []


def test_scheduled_sessions_open_only_with_a_certified_facilitator_on_duty(
    member: Membership, facilitator: Membership
) -> None:
    from groups.models import RoomConnection, Session
    from groups.services.sessions import sessions_follow_schedule

    now = timezone.now()
    Session.objects.update(state=Session.State.CLOSED)
    scheduled = Session.objects.create(
        group=member.group,
        state=Session.State.SCHEDULED,
        scheduled_start=now - timedelta(minutes=1),
        scheduled_end=now + timedelta(hours=1),
    )
    assert sessions_follow_schedule(now=now) == (0, 0), "no facilitator, no session"
    RoomConnection.objects.create(
        room=member.group.room,
        membership=facilitator,
        channel_name="test.fac",
        connected_at=now,
        last_seen=now,
    )
    assert sessions_follow_schedule(now=now) == (1, 0)
    scheduled.refresh_from_db()
    assert scheduled.state == "open" and scheduled.opened_by == facilitator.user
    # Its scheduled end passes: it closes by itself.
    assert sessions_follow_schedule(now=now + timedelta(hours=2)) == (0, 1)
    scheduled.refresh_from_db()
    assert scheduled.state == "closed"
