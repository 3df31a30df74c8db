"""Malformed frames: each gets an error frame with the right code, and never a crash."""

from __future__ import annotations

import json
import uuid

import pytest

from consumers.protocol import (
    DeleteCommand,
    ModerateCommand,
    ProtocolError,
    SendCommand,
    SyncCommand,
    TypingCommand,
    parse_frame,
    parse_moderation,
)
from groups.models import Membership
from tests.conftest import OpenRoom

CID = "0b6f3a52-2f0e-4f8e-9d7c-5f5b2c1f7a10"


def send(**fields: object) -> str:
    return json.dumps({"type": "send", "client_id": CID, "text": "hi", **fields})


# (id, text frame, expected error code). At least 30 rows, as the issue asks.
MALFORMED: list[tuple[str, str, str]] = [
    ("not-json", "not json", "invalid"),
    ("empty-frame", "", "invalid"),
    ("nul-byte", "\x00", "invalid"),
    ("truncated-json", '{"type": "sync", "after_seq": ', "invalid"),
    ("json-null", "null", "invalid"),
    ("json-number", "42", "invalid"),
    ("json-string", '"sync"', "invalid"),
    ("json-array", '[{"type": "sync", "after_seq": 0}]', "invalid"),
    ("no-type", "{}", "invalid"),
    ("type-number", '{"type": 5}', "invalid"),
    ("type-null", '{"type": null}', "invalid"),
    ("type-unknown", '{"type": "explode"}', "invalid"),
    ("type-wrong-case", f'{{"type": "SEND", "client_id": "{CID}", "text": "hi"}}', "invalid"),
    ("sync-missing-after-seq", '{"type": "sync"}', "invalid"),
    ("sync-after-seq-string", '{"type": "sync", "after_seq": "5"}', "invalid"),
    ("sync-after-seq-negative", '{"type": "sync", "after_seq": -1}', "invalid"),
    ("sync-after-seq-float", '{"type": "sync", "after_seq": 1.5}', "invalid"),
    ("sync-after-seq-bool", '{"type": "sync", "after_seq": true}', "invalid"),
    ("sync-after-seq-nan", '{"type": "sync", "after_seq": NaN}', "invalid"),
    ("sync-after-seq-huge", '{"type": "sync", "after_seq": ' + str(2**70) + "}", "invalid"),
    ("sync-extra-field", '{"type": "sync", "after_seq": 1, "extra": 1}', "invalid"),
    ("send-missing-everything", '{"type": "send"}', "invalid"),
    ("send-missing-text", f'{{"type": "send", "client_id": "{CID}"}}', "invalid"),
    ("send-missing-client-id", '{"type": "send", "text": "hi"}', "invalid"),
    ("send-client-id-not-uuid", send(client_id="not-a-uuid"), "invalid"),
    ("send-client-id-number", send(client_id=123), "invalid"),
    ("send-text-number", send(text=42), "invalid"),
    ("send-text-null", send(text=None), "invalid"),
    ("send-text-list", send(text=["a"]), "invalid"),
    ("send-text-object", send(text={"a": "b"}), "invalid"),
    ("send-text-empty", send(text=""), "invalid"),
    ("send-text-whitespace", send(text="  \n\t "), "invalid"),
    (
        "send-text-lone-surrogate",
        f'{{"type": "send", "client_id": "{CID}", "text": "a\\ud800b"}}',
        "invalid",
    ),
    ("send-text-too-long", send(text="x" * 2001), "too_long"),
    ("send-extra-field", send(seq=5), "invalid"),
    ("frame-over-16-KiB", send(text="y" * 17_000), "too_long"),
    ("frame-over-16-KiB-multibyte", send(text="é" * 9_000), "too_long"),
    ("deep-nesting", "[" * 5000 + "]" * 5000, "invalid"),
    (
        "deep-nesting-in-field",
        '{"type": "sync", "after_seq": ' + "[" * 3000 + "]" * 3000 + "}",
        "invalid",
    ),
    ("duplicate-type-keys", '{"type": "sync", "type": "send"}', "invalid"),
    ("typing-extra-field", '{"type": "typing", "to": "River"}', "invalid"),
    ("delete-missing-seq", '{"type": "delete"}', "invalid"),
    ("delete-seq-zero", '{"type": "delete", "seq": 0}', "invalid"),
    ("delete-seq-string", '{"type": "delete", "seq": "3"}', "invalid"),
    ("delete-extra-field", '{"type": "delete", "seq": 3, "text": "x"}', "invalid"),
]


def test_the_table_is_big_enough() -> None:
    assert len(MALFORMED) >= 30
    assert len({row[0] for row in MALFORMED}) == len(MALFORMED)


@pytest.mark.parametrize(
    ("frame", "code"), [row[1:] for row in MALFORMED], ids=[row[0] for row in MALFORMED]
)
def test_malformed_frame_is_refused_with_its_code(frame: str, code: str) -> None:
    result = parse_frame(frame, None)
    assert isinstance(result, ProtocolError)
    assert result.code == code
    assert result.to_frame()["type"] == "error"


def test_binary_frames_are_refused() -> None:
    result = parse_frame(None, b'{"type": "sync", "after_seq": 0}')
    assert isinstance(result, ProtocolError) and result.code == "invalid"


def test_error_details_never_echo_the_input() -> None:
    secret = "my-secret-words"
    for frame in (send(text=secret * 200), send(client_id=secret), send(text=[secret])):
        result = parse_frame(frame, None)
        assert isinstance(result, ProtocolError)
        assert secret not in json.dumps(result.to_frame())


def test_send_errors_carry_the_client_id_for_correlation() -> None:
    result = parse_frame(send(text="x" * 2001), None)
    assert isinstance(result, ProtocolError) and result.client_id == CID


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        ('{"type": "sync", "after_seq": null}', SyncCommand(type="sync", after_seq=None)),
        ('{"type": "sync", "after_seq": 7}', SyncCommand(type="sync", after_seq=7)),
        ('{"type": "typing"}', TypingCommand(type="typing")),
        ('{"type": "delete", "seq": 3}', DeleteCommand(type="delete", seq=3)),
        (
            send(text="x" * 2000),
            SendCommand(type="send", client_id=uuid.UUID(CID), text="x" * 2000),
        ),
        (
            send(text="emoji 🌱 and ünïcödé"),
            SendCommand(type="send", client_id=uuid.UUID(CID), text="emoji 🌱 and ünïcödé"),
        ),
    ],
)
def test_valid_frames_parse_to_commands(frame: str, expected: object) -> None:
    assert parse_frame(frame, None) == expected


def moderate(**fields: object) -> ModerateCommand:
    return ModerateCommand(type="moderate", **fields)  # type: ignore[arg-type]


# The new actions' fields (after the sender is known to be a facilitator).
ACTIONS_MALFORMED = [
    ("reject-reason-too-long", {"action": "reject", "hold_id": 1, "reason": "x" * 501}),
    ("reject-reason-number", {"action": "reject", "hold_id": 1, "reason": 5}),
    ("note-about-nothing", {"action": "note", "text": "t"}),
    ("note-about-both", {"action": "note", "pseudonym": "River", "escalation_id": 1, "text": "t"}),
    ("note-text-empty", {"action": "note", "pseudonym": "River", "text": ""}),
    ("note-text-whitespace", {"action": "note", "pseudonym": "River", "text": "  \n"}),
    ("note-text-too-long", {"action": "note", "pseudonym": "River", "text": "x" * 2001}),
    ("note-missing-text", {"action": "note", "pseudonym": "River"}),
    ("note-escalation-id-string", {"action": "note", "escalation_id": "1", "text": "t"}),
    ("crisis-card-missing-pseudonym", {"action": "send_crisis_card"}),
    ("readmit-pseudonym-too-long", {"action": "readmit", "pseudonym": "x" * 41}),
    ("readmit-extra-field", {"action": "readmit", "pseudonym": "River", "minutes": 5}),
]


@pytest.mark.parametrize(
    "fields", [row[1] for row in ACTIONS_MALFORMED], ids=[row[0] for row in ACTIONS_MALFORMED]
)
def test_malformed_new_actions_are_invalid(fields: dict[str, object]) -> None:
    result = parse_moderation(moderate(**fields))
    assert isinstance(result, ProtocolError) and result.code == "invalid"
    assert "x" * 20 not in result.detail


@pytest.mark.parametrize(
    "fields",
    [
        {"action": "reject", "hold_id": 1},
        {"action": "reject", "hold_id": 1, "reason": "x" * 500},
        {"action": "note", "pseudonym": "River", "text": "x" * 2000},
        {"action": "note", "escalation_id": 3, "text": "called the line together"},
        {"action": "send_crisis_card", "pseudonym": "River"},
        {"action": "readmit", "pseudonym": "River"},
    ],
)
def test_valid_new_actions_parse(fields: dict[str, object]) -> None:
    result = parse_moderation(moderate(**fields))
    assert not isinstance(result, ProtocolError)
    assert result.action == fields["action"]


@pytest.mark.django_db(transaction=True)
async def test_every_malformed_frame_leaves_the_connection_working(
    open_room: OpenRoom, member: Membership, other_member: Membership
) -> None:
    alice = await open_room(member)
    bob = await open_room(other_member)
    for name, frame, code in MALFORMED:
        # Raw input: the communicator's send_to refuses an empty frame, a client may not.
        await alice.comm.send_input({"type": "websocket.receive", "text": frame})
        error = await alice.recv_type("error")
        assert error["code"] == code, name
    await alice.comm.send_to(bytes_data=b"\x00\x01binary")
    assert (await alice.recv_type("error"))["code"] == "invalid"
    # Still connected, still posting; the other member saw no errors, only the message.
    ack = await alice.post("still here")
    assert ack["status"] == "posted"
    assert (await bob.recv_type("message"))["text"] == "still here"
    assert not any(f["type"] == "error" for f in bob.pending)
    assert await bob.nothing()
