"""Anonymised transcripts (issue 11, SPEC 5): what is in one and what is not, how authors are
named, redaction, who may read, the audit row per read, and the HTTP interfaces."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from groups.models import AuditEntry, Membership, Message, Session
from groups.services.messages import message_delete
from moderation.actions.notes import note_add
from moderation.actions.queue import hold_approve, hold_reject, message_hide
from moderation.models import Hold
from tests.conftest import access_of, make_group, make_member, send

pytestmark = pytest.mark.django_db

# Written for this file.
HELLO = "evening all, glad to be here"
REPLY = "same here, it was a long week"
HELD = "add me on insta @quiet_fern_22 and we can talk more"
HIDDEN = "this one a facilitator takes down"
DELETED = "i take this one back"


def _session(member: Membership) -> Session:
    return Session.objects.get(group=member.group, state=Session.State.OPEN)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _read(user: User, session: Session) -> dict:
    response = _client(user).get(f"/api/transcripts/{session.pk}")
    assert response.status_code == 200, response.content
    return response.json()


def test_posted_messages_only_in_order_with_numbered_authors(
    member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice, bob, fran = access_of(member), access_of(other_member), access_of(facilitator)
    now = timezone.now()
    send(bob, HELLO)
    send(fran, "welcome everyone")
    send(alice, REPLY)
    held = send(alice, HELD)
    assert held.status == "held"
    hidden = send(bob, HIDDEN)
    message_hide(access=fran, seq=hidden.seq, reason="test", now=now)
    deleted = send(alice, DELETED)
    message_delete(access=alice, seq=deleted.seq, now=now)
    rejected = send(bob, "my number is 07700 900123 call me")
    hold_reject(
        access=fran,
        hold_id=Hold.objects.get(message__seq=None, message__text__startswith="my number").pk,
        now=now,
    )
    note_add(access=fran, text="private: checking in with River later", now=now, pseudonym="River")
    body = _read(member.user, _session(member))
    lines = [(m["author"], m["text"]) for m in body["messages"]]
    assert lines == [
        ("Member 1", HELLO),
        ("Facilitator", "welcome everyone"),
        ("Member 2", REPLY),
    ]
    assert body["in_progress"] is True
    assert rejected.status == "held"
    dumped = json.dumps(body)
    for secret in ("Willow", "River", "alice", "bob", "fran", "Facilitator Fran", "private"):
        assert secret not in dumped


def test_authors_are_renumbered_in_each_transcript(
    member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    send(access_of(member), HELLO)
    first = _session(member)
    from groups.services import sessions

    sessions.session_end(group_id=member.group_id, acting_user=None, now=timezone.now())
    second = sessions.session_open(group_id=member.group_id, acting_user=None, now=timezone.now())
    send(access_of(other_member), REPLY)
    send(access_of(member), "and me again")
    assert [m["author"] for m in _read(member.user, first)["messages"]] == ["Member 1"]
    assert [m["author"] for m in _read(member.user, second)["messages"]] == [
        "Member 1",
        "Member 2",
    ]
    assert _read(member.user, first)["in_progress"] is False


def test_two_facilitators_are_numbered(member: Membership, facilitator: Membership) -> None:
    from tests.conftest import certify

    second = make_member(member.group, "gail", pseudonym="Facilitator Gail", role="facilitator")
    certify(second)
    send(access_of(facilitator), "hello from one")
    send(access_of(second), "hello from two")
    authors = [m["author"] for m in _read(member.user, _session(member))["messages"]]
    assert authors == ["Facilitator 1", "Facilitator 2"]


def test_names_and_details_are_redacted(
    member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    member.user.first_name = "Alicia"
    member.user.save()
    send(access_of(other_member), "thanks Willow, and Alicia too, that helped")
    # A contact detail is held by the screen; one a facilitator let through is redacted.
    held = send(access_of(other_member), "the leaflet said to mail r.b@example.com for forms")
    assert held.status == "held"
    hold_approve(access=access_of(facilitator), hold_id=Hold.objects.get().pk, now=timezone.now())
    texts = [m["text"] for m in _read(member.user, _session(member))["messages"]]
    assert texts == [
        "thanks [member], and [member] too, that helped",
        "the leaflet said to mail [email] for forms",
    ]


@pytest.mark.parametrize("who", ["outsider", "banned", "other_group"])
def test_who_may_not_read_gets_the_same_404_as_a_missing_transcript(
    member: Membership, who: str
) -> None:
    send(access_of(member), HELLO)
    session = _session(member)
    if who == "outsider":
        user = User.objects.create_user("olive", password="pw")
    elif who == "banned":
        banned = make_member(member.group, "bert", pseudonym="Bert")
        banned.state = Membership.State.BANNED
        banned.save()
        user = banned.user
    else:
        user = make_member(make_group("other"), "otto", pseudonym="Otto").user
    client = _client(user)
    forbidden = client.get(f"/api/transcripts/{session.pk}")
    missing = client.get(f"/api/transcripts/{session.pk + 999}")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()
    assert client.get(f"/api/transcripts/{session.pk}.md").status_code == 404
    assert client.get(f"/groups/{member.group.slug}/transcripts/{session.pk}/").status_code == 404
    assert not AuditEntry.objects.filter(action__startswith="transcript").exists()


def test_not_logged_in_is_refused(member: Membership) -> None:
    assert Client().get(f"/api/transcripts/{_session(member).pk}").status_code == 401


def test_every_read_and_download_is_an_audit_row(
    member: Membership, facilitator: Membership
) -> None:
    send(access_of(member), HELLO)
    session = _session(member)
    _read(member.user, session)
    _read(facilitator.user, session)
    download = _client(member.user).get(f"/api/transcripts/{session.pk}.md")
    assert download.status_code == 200
    rows = list(
        AuditEntry.objects.filter(action__startswith="transcript_", target_id=str(session.pk))
        .order_by("pk")
        .values_list("actor__username", "action")
    )
    assert rows == [
        ("alice", "transcript_read"),
        ("fran", "transcript_read"),
        ("alice", "transcript_download"),
    ]


def test_the_markdown_download(member: Membership) -> None:
    send(access_of(member), "# not a heading, [not](a link)")
    response = _client(member.user).get(f"/api/transcripts/{_session(member).pk}.md")
    assert response["Content-Type"].startswith("text/markdown")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert "**Member 1**" in text
    assert "\\# not a heading, \\[not\\]\\(a link\\)" in text


def test_the_list_api_and_pages(member: Membership) -> None:
    send(access_of(member), HELLO)
    client = _client(member.user)
    [summary] = client.get(f"/api/groups/{member.group.slug}/transcripts").json()
    assert summary["message_count"] == 1 and summary["ended"] is None
    page = client.get(f"/groups/{member.group.slug}/transcripts/")
    assert page.status_code == 200
    assert f"/groups/{member.group.slug}/transcripts/{summary['id']}/" in page.content.decode()
    reading = client.get(f"/groups/{member.group.slug}/transcripts/{summary['id']}/").content
    assert HELLO in reading.decode() and "Member 1" in reading.decode()
    assert "Download as Markdown" in reading.decode()
    assert f"/groups/{member.group.slug}/transcripts/" in client.get("/").content.decode()
    assert Message.objects.count() == 1


def test_a_bidi_override_is_kept_but_isolated_on_the_reading_page(member: Membership) -> None:
    # Written as sent (the transcript is a record), and isolated in its own line so it
    # cannot reorder the author or the time shown beside it.
    send(access_of(member), "\u202eturned around")
    client = _client(member.user)
    [summary] = client.get(f"/api/groups/{member.group.slug}/transcripts").json()
    page = client.get(f"/groups/{member.group.slug}/transcripts/{summary['id']}/")
    assert "<bdi>\u202eturned around</bdi>" in page.content.decode()
