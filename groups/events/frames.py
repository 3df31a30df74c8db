"""The wire shape of every frame the server pushes, validated like the inbound ones.

``extra="forbid"``: a field added to an event without being declared here is an error at
the write that sends it (and in the tests), never a surprise to a client. Times are ISO 8601
strings, exactly as the events write them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class Frame(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Author(Frame):
    pseudonym: str
    role: str


class MessageFrame(Frame):
    type: Literal["message"]
    seq: int
    id: str
    author: Author
    text: str
    at: str


class Present(Frame):
    pseudonym: str
    role: str


class PresenceFrame(Frame):
    type: Literal["presence"]
    here: list[Present]


class TypingFrame(Frame):
    type: Literal["typing"]
    pseudonym: str


class EscalationSummaryFrame(Frame):
    escalation_id: int
    state: str
    ack_deadline: str
    paged_at: str | None


class FlagFrame(Frame):
    type: Literal["flag"]
    flag_id: int
    seq: int | None
    hold_id: int | None
    category: str
    severity: str | None
    status: str
    pseudonym: str
    text: str
    at: str
    reported: list[str]
    escalation: EscalationSummaryFrame | None


class HeldFrame(Frame):
    type: Literal["held"]
    hold_id: int
    flag_id: int | None
    author: Author
    text: str
    reason: str
    at: str
    status: str


class PendingFrame(Frame):
    type: Literal["pending"]
    hold_id: int
    client_id: str
    text: str
    reason: str
    at: str


class PendingDecidedFrame(Frame):
    type: Literal["pending_decided"]
    hold_id: int
    client_id: str
    status: Literal["posted", "rejected"]
    seq: int | None
    reason: str | None


class CrisisResourcesFrame(Frame):
    type: Literal["crisis_resources"]
    # Each resource is the crisis line as ``moderation.selectors.crisis_resources_for``
    # builds it (name, phone, text, url, hours, tel_href, sms_href, ...).
    resources: list[dict[str, Any]]
    note: str | None


class EscalationFrame(Frame):
    type: Literal["escalation"]
    escalation_id: int
    flag_id: int
    seq: int | None
    hold_id: int | None
    pseudonym: str
    state: str
    opened_at: str
    ack_deadline: str
    paged_at: str | None


class NoteFrame(Frame):
    type: Literal["note"]
    note_id: int
    pseudonym: str | None
    escalation_id: int | None
    text: str
    by: str
    at: str


class MessageHiddenFrame(Frame):
    type: Literal["message_hidden"]
    seq: int
    reason: Literal["hidden", "deleted"]


class ReportedFrame(Frame):
    type: Literal["reported"]
    seq: int
    kind: str


class HoldDecidedFrame(Frame):
    type: Literal["hold_decided"]
    hold_id: int
    status: Literal["approved", "rejected"]


class NoticeFrame(Frame):
    type: Literal["notice"]
    code: str
    text: str
    until: str | None
