"""A member's own data (export, erasure) and retention (issue 11, SPEC 5)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from groups.models import AuditEntry, Membership, Message, Session
from moderation.models import Flag, ScreenRecord
from moderation.services.retention import purge_expired
from moderation.worker import retention_if_due
from tests.conftest import access_of, send

pytestmark = pytest.mark.django_db

# Written for this file.
MINE = "this week was heavy but i made it to the group"
THEIRS = "glad you did, same for me"
WORRY = "i dont want to be alive anymore"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _age(message_seq: int, member: Membership, days: float) -> None:
    when = timezone.now() - timedelta(days=days)
    Message.objects.filter(room__group=member.group, seq=message_seq).update(created_at=when)
    ScreenRecord.objects.filter(message__seq=message_seq, author__group=member.group).update(
        created_at=when
    )


# --- retention -----------------------------------------------------------------------------


def test_purge_keeps_89_days_and_deletes_91(member: Membership, settings: object) -> None:
    alice = access_of(member)
    young = send(alice, MINE)
    old = send(alice, WORRY)  # flagged: its flag goes with it
    assert Flag.objects.filter(message__seq=old.seq).exists()
    _age(young.seq, member, 89)
    _age(old.seq, member, 91)
    counts = purge_expired(now=timezone.now())
    assert counts["messages"] == 1 and counts["flags"] == 1 and counts["screen_records"] == 1
    assert list(Message.objects.values_list("seq", flat=True)) == [young.seq]
    assert not Flag.objects.exists()
    row = AuditEntry.objects.get(action="retention_purge")
    assert row.detail["messages"] == 1 and "text" not in str(row.detail)


def test_purge_removes_old_transcripts(member: Membership) -> None:
    from groups.services import sessions

    send(access_of(member), MINE)
    session = Session.objects.get(group=member.group, state=Session.State.OPEN)
    sessions.session_end(group_id=member.group_id, acting_user=None, now=timezone.now())
    Session.objects.filter(pk=session.pk).update(closed_at=timezone.now() - timedelta(days=91))
    assert purge_expired(now=timezone.now())["transcripts"] == 1
    assert _client(member.user).get(f"/api/transcripts/{session.pk}").status_code == 404


def test_the_command_prints_counts_and_the_worker_runs_it_daily(member: Membership) -> None:
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "retention 90 days: messages 0" in out.getvalue()
    now = timezone.now()
    from moderation import worker

    worker._retention["last"] = None
    assert retention_if_due(now=now) is not None
    assert retention_if_due(now=now + timedelta(hours=23)) is None
    assert retention_if_due(now=now + timedelta(hours=25)) is not None


# --- export and erasure --------------------------------------------------------------------


def test_export_holds_memberships_pseudonyms_and_messages(
    member: Membership, other_member: Membership
) -> None:
    send(access_of(member), MINE)
    send(access_of(other_member), THEIRS)
    body = _client(member.user).get("/api/me/export").json()
    assert body["account"]["username"] == "alice"
    assert [(m["group"], m["pseudonym"]) for m in body["memberships"]] == [
        (member.group.slug, "Willow")
    ]
    assert [m["text"] for m in body["messages"]] == [MINE]


def test_erase_needs_confirmation(member: Membership) -> None:
    client = _client(member.user)
    assert client.post("/api/me/erase", {"confirm": False}, "application/json").status_code == 400
    assert User.objects.get(pk=member.user.pk).is_active


def test_erase_removes_everything_of_theirs_and_keeps_the_room(
    member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    send(access_of(member), MINE)
    send(access_of(member), WORRY)
    send(access_of(other_member), THEIRS)
    session = Session.objects.get(group=member.group, state=Session.State.OPEN)
    reader = _client(other_member.user)
    before = reader.get(f"/api/transcripts/{session.pk}").json()["messages"]
    assert len(before) == 3
    AuditEntry.objects.create(
        actor=member.user, group=member.group, action="report_abuse", target_type="message",
        target_id="1", at=timezone.now(),
    )  # fmt: skip
    client = _client(member.user)
    elsewhere = _client(member.user)  # logged in on another device too
    erased = client.post("/api/me/erase", {"confirm": True}, "application/json")
    assert erased.status_code == 200 and erased.json() == {"messages": 2, "memberships": 1}
    after = reader.get(f"/api/transcripts/{session.pk}").json()["messages"]
    assert [(m["author"], m["text"]) for m in after] == [("Member 1", THEIRS)]
    user = User.objects.get(pk=member.user.pk)
    assert not user.is_active and user.username.startswith("erased-")
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert not Membership.objects.filter(pseudonym="Willow").exists()
    assert not Flag.objects.filter(message__author__user=user).exists()
    # The audit keeps the action, not the person.
    assert AuditEntry.objects.filter(action="report_abuse", actor__isnull=True).exists()
    assert not AuditEntry.objects.filter(actor=user).exists()
    # Logged out everywhere: the old session no longer works, and export has nothing.
    assert client.get("/api/me/export").status_code == 401
    assert elsewhere.get("/api/me/export").status_code == 401
    assert Client().login(username="alice", password="pw-alice") is False


def test_the_page_says_what_erase_removes_and_asks_first(member: Membership) -> None:
    client = _client(member.user)
    home = client.get("/").content.decode()
    assert 'href="/me/"' in home
    page = client.get("/me/").content.decode()
    assert "Download my data" in page and "Erase my account" in page
    assert "cannot be undone" in page and "Willow" in page
    refused = client.post("/me/erase/", {})
    assert refused.status_code == 400 and User.objects.get(pk=member.user.pk).is_active
    done = client.post("/me/erase/", {"confirm": "yes"})
    assert "Your account has been erased" in done.content.decode()
    assert not User.objects.get(pk=member.user.pk).is_active


def test_both_are_in_the_openapi_schema() -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert "get" in paths["/api/me/export"] and "post" in paths["/api/me/erase"]
    for path in (
        "/api/groups/{slug}/transcripts",
        "/api/transcripts/{transcript_id}",
        "/api/transcripts/{transcript_id}.md",
    ):
        assert "get" in paths[path], path


def test_erasure_leaves_no_text_in_the_screens_memory(member: Membership) -> None:
    from moderation.screen import classifier, pipeline

    send(access_of(member), MINE)
    send(access_of(member), THEIRS)  # reads MINE again as context: cached
    assert pipeline._crisis_alone.cache_info().currsize > 0
    _client(member.user).post("/api/me/erase", {"confirm": True}, "application/json")
    assert pipeline._crisis_alone.cache_info().currsize == 0
    assert classifier._last_opinion[0] == ""
