"""Every send is screened before it is stored or broadcast: one test per action, with who
hears what (the author, the other members, the facilitators)."""

from __future__ import annotations

import uuid

import pytest
from asgiref.sync import sync_to_async

from groups.models import Group, Membership, Message
from moderation.models import Flag, Hold, ScreenRecord
from tests.conftest import OpenRoom, Room

pytestmark = pytest.mark.django_db(transaction=True)

# Our own sentences (never the shared dev set's).
BENIGN = "what a lovely sunny day, had a walk by the river"
CONCERN = "lately i keep thinking everyone would be better off if i was not around"
URGENT = "i am going to do it tonight after everyone is asleep, this is goodbye"
URGENT_METHOD = "i have all the pills counted out on the desk and i am taking them tonight"
CONTACT = "text me on 07700 900123 after the session and we can talk more"
KYS = "honestly just kys, nobody wants you here"


async def three(
    open_room: OpenRoom, member: Membership, other: Membership, fac: Membership
) -> tuple[Room, Room, Room]:
    return await open_room(member), await open_room(other), await open_room(fac)


async def test_a_benign_message_is_posted_with_no_flag_and_no_card(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice, bob, fran = await three(open_room, member, other_member, facilitator)
    ack = await alice.post(BENIGN)
    assert ack["status"] == "posted" and ack["reason"] is None
    for room in (alice, bob, fran):
        assert (await room.recv_type("message"))["text"] == BENIGN
        assert await room.nothing()


async def test_crisis_language_is_posted_flagged_and_the_author_alone_gets_the_card(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice, bob, fran = await three(open_room, member, other_member, facilitator)
    ack = await alice.post(CONCERN)
    assert ack["status"] == "posted"
    # The person needs to be heard: everyone sees the message.
    for room in (alice, bob, fran):
        assert (await room.recv_type("message"))["seq"] == ack["seq"]
    flag = await fran.recv_type("flag")
    assert flag == {
        "type": "flag",
        "flag_id": flag["flag_id"],
        "seq": ack["seq"],
        "hold_id": None,
        "category": "crisis",
        "severity": "concern",
        "status": "open",
        "pseudonym": "Willow",
        "text": CONCERN,
        "at": flag["at"],
        "reported": [],
        "escalation": None,
    }
    card = await alice.recv_type("crisis_resources")
    names = {r["name"] for r in card["resources"]}
    assert "988 Suicide & Crisis Lifeline" in names and "Crisis Text Line" in names
    assert all(r["country"] == "US" for r in card["resources"])
    # Nobody else sees the card; members never see flags.
    assert await bob.nothing() and await fran.nothing() and await alice.nothing()


async def test_urgent_crisis_is_flagged_urgent(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice, _bob, fran = await three(open_room, member, other_member, facilitator)
    await alice.post(URGENT)
    assert (await fran.recv_type("flag"))["severity"] == "urgent"
    await alice.recv_type("crisis_resources")


async def test_crisis_with_method_detail_is_held_but_still_reaches_facilitators_and_card(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice, bob, fran = await three(open_room, member, other_member, facilitator)
    ack = await alice.post(URGENT_METHOD)
    assert ack["status"] == "held" and ack["seq"] is None and ack["reason"]
    held = await fran.recv_type("held")
    assert held["text"] == URGENT_METHOD and held["author"]["pseudonym"] == "Willow"
    assert held["reason"] == "crisis"
    flag = await fran.recv_type("flag")
    assert flag["severity"] == "urgent" and flag["seq"] is None
    await alice.recv_type("crisis_resources")
    assert await bob.nothing()


async def test_a_boundary_message_is_held_and_invisible_to_peers(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice, bob, fran = await three(open_room, member, other_member, facilitator)
    ack = await alice.post(CONTACT)
    assert ack == {
        "type": "ack",
        "client_id": ack["client_id"],
        "status": "held",
        "seq": None,
        "reason": ack["reason"],
    }
    assert "facilitator" in ack["reason"]
    held = await fran.recv_type("held")
    assert held["reason"] == "boundary" and held["text"] == CONTACT
    assert await bob.nothing()
    assert await alice.nothing()  # no message frame for the author either: it is pending
    messages, synced = await bob.sync(0)
    assert messages == [] and synced["last_seq"] == 0
    # The next posted message takes seq 1: a held message leaves no gap.
    assert (await alice.post(BENIGN))["seq"] == 1


async def test_resending_a_held_message_returns_the_same_ack_and_holds_once(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    client_id = str(uuid.uuid4())
    first = await alice.post(CONTACT, client_id)
    again = await alice.post(CONTACT, client_id)
    assert first == again
    await fran.recv_type("held")
    assert await fran.nothing()
    assert await sync_to_async(Hold.objects.count)() == 1


async def test_a_blocked_message_is_not_stored_and_the_author_is_told_why(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    await sync_to_async(Group.objects.update)(
        moderation_policy={"extra_blocked_words": ["zorblax"]}
    )
    alice, bob, fran = await three(open_room, member, other_member, facilitator)
    ack = await alice.post("the zorblax thing happened again")
    assert ack["status"] == "blocked" and ack["seq"] is None and "can't be posted" in ack["reason"]
    assert await bob.nothing() and await fran.nothing()
    assert await sync_to_async(Message.objects.count)() == 0
    record = await sync_to_async(ScreenRecord.objects.get)()
    assert record.action == "block" and record.message_id is None
    assert "zorblax" not in repr(await sync_to_async(lambda: list(ScreenRecord.objects.values()))())


async def test_kys_aimed_at_someone_is_held_and_flags_the_room(
    open_room: OpenRoom, member: Membership, other_member: Membership, facilitator: Membership
) -> None:
    alice, bob, fran = await three(open_room, member, other_member, facilitator)
    ack = await alice.post(KYS)
    assert ack["status"] == "held"
    assert (await fran.recv_type("held"))["reason"] == "crisis"
    flag = await fran.recv_type("flag")
    assert flag["category"] == "crisis" and flag["severity"] == "concern"
    assert await bob.nothing()


async def test_a_facilitator_posting_a_helpline_is_not_held(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    alice = await open_room(member)
    fran = await open_room(facilitator)
    text = "if things get bad tonight you can call the samaritans on 116 123, any time"
    assert (await fran.post(text))["status"] == "posted"
    assert (await alice.recv_type("message"))["text"] == text


async def test_each_screened_send_leaves_exactly_one_record(
    open_room: OpenRoom, member: Membership
) -> None:
    alice = await open_room(member)
    for text in (BENIGN, CONCERN, CONTACT):
        await alice.post(text)
    records = await sync_to_async(
        lambda: list(ScreenRecord.objects.order_by("pk").values_list("action", "category"))
    )()
    assert records == [("post", ""), ("post_and_flag", "crisis"), ("hold", "boundary")]
    assert await sync_to_async(Flag.objects.count)() == 1
    assert await sync_to_async(Hold.objects.count)() == 1


async def test_blocked_sends_count_towards_the_rate_limit(
    open_room: OpenRoom, member: Membership, settings: object
) -> None:
    settings.CIRCLES_RATE_LIMIT_MESSAGES = 3  # type: ignore[attr-defined]
    await sync_to_async(Group.objects.update)(
        moderation_policy={"extra_blocked_words": ["zorblax"]}
    )
    alice = await open_room(member)
    for _ in range(3):
        assert (await alice.post("zorblax zorblax"))["status"] == "blocked"
    await alice.send({"type": "send", "client_id": str(uuid.uuid4()), "text": BENIGN})
    assert (await alice.recv_type("error"))["code"] == "rate_limited"


async def test_an_urgent_flag_opens_an_escalation_stored_before_facilitators_are_alerted(
    open_room: OpenRoom, member: Membership, facilitator: Membership, settings: object
) -> None:
    from moderation.models import Escalation

    settings.CIRCLES_ESCALATION_ACK_SECONDS = 60  # type: ignore[attr-defined]
    alice = await open_room(member)
    fran = await open_room(facilitator)
    await alice.post(URGENT)
    frame = await fran.recv_type("escalation")
    escalation = await sync_to_async(Escalation.objects.get)()
    assert frame == {
        "type": "escalation",
        "escalation_id": escalation.pk,
        "flag_id": escalation.flag_id,
        "seq": 1,
        "hold_id": None,
        "pseudonym": "Willow",
        "state": "open",
        "opened_at": escalation.opened_at.isoformat(),
        "ack_deadline": escalation.ack_deadline.isoformat(),
        "paged_at": None,
    }
    assert escalation.state == "open" and escalation.coordinators_paged_at is None
    assert (escalation.ack_deadline - escalation.opened_at).total_seconds() == 60
    transitions = await sync_to_async(
        lambda: list(escalation.transitions.values_list("to_state", flat=True))
    )()
    assert transitions == ["open"]
    # The author gets the message and the card, and never the escalation.
    await alice.recv_type("crisis_resources")
    await alice.recv_type("message")
    assert await alice.nothing()


async def test_a_concern_flag_opens_no_escalation(
    open_room: OpenRoom, member: Membership, facilitator: Membership
) -> None:
    from moderation.models import Escalation

    alice = await open_room(member)
    fran = await open_room(facilitator)
    await alice.post(CONCERN)
    await fran.recv_type("flag")
    assert await sync_to_async(Escalation.objects.count)() == 0
    assert not any(f["type"] == "escalation" for f in fran.pending)


async def test_the_escalation_is_stored_even_when_nobody_can_be_alerted(
    open_room: OpenRoom, member: Membership, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moderation.models import Escalation

    alice = await open_room(member)
    monkeypatch.setattr("groups.events.transport._deliver", lambda event, audience, message: None)
    await alice.post(URGENT)
    assert await sync_to_async(Escalation.objects.filter(state="open").count)() == 1
