"""The client → server half of the room protocol: raw frames in, typed commands out.

Parsing is pure, so the whole table of malformed frames is tested without a socket. Error
details never echo the client's input back (it may be someone's message text).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from django.conf import settings
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    TypeAdapter,
    model_validator,
)
from pydantic import ValidationError as PydanticValidationError

from groups.errors import ErrorCode, ServiceError
from groups.services.messages import check_message_text


class _Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SyncCommand(_Command):
    """Send every posted message after ``after_seq`` (``None``: the most recent ones)."""

    type: Literal["sync"]
    after_seq: Annotated[StrictInt, Field(ge=0, le=2**63 - 1)] | None


class SendCommand(_Command):
    """Post ``text``; ``client_id`` makes resends idempotent."""

    type: Literal["send"]
    # Lax here only: strict mode would refuse the UUID's JSON string form.
    client_id: Annotated[uuid.UUID, Field(strict=False)]
    text: StrictStr


class TypingCommand(_Command):
    """The member is typing."""

    type: Literal["typing"]


class ReportCommand(_Command):
    """A member reports a posted message."""

    type: Literal["report"]
    seq: Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]
    kind: Literal["worried", "abuse", "boundary"]


class DeleteCommand(_Command):
    """A member takes back one of their own posted messages."""

    type: Literal["delete"]
    seq: Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]


class ModerateCommand(BaseModel):
    """A facilitator's action; its fields are checked once the sender's role is known."""

    model_config = ConfigDict(extra="allow", frozen=True, strict=True)

    type: Literal["moderate"]
    action: StrictStr


Command = (
    SyncCommand | SendCommand | TypingCommand | ReportCommand | DeleteCommand | ModerateCommand
)


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


Id = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]


class ApproveAction(_Action):
    action: Literal["approve"]
    hold_id: Id


class RejectAction(_Action):
    action: Literal["reject"]
    hold_id: Id
    # A kind word for the author, added to the rejection notice.
    reason: Annotated[StrictStr, Field(max_length=500)] = ""


class HideAction(_Action):
    action: Literal["hide"]
    seq: Id
    reason: Annotated[StrictStr, Field(max_length=500)] = ""


class AckFlagAction(_Action):
    action: Literal["ack_flag"]
    flag_id: Id


class ResolveFlagAction(_Action):
    action: Literal["resolve_flag"]
    flag_id: Id


class AckEscalationAction(_Action):
    action: Literal["ack_escalation"]
    escalation_id: Id


Pseudonym = Annotated[StrictStr, Field(min_length=1, max_length=40)]


class MuteAction(_Action):
    action: Literal["mute"]
    pseudonym: Pseudonym
    minutes: Annotated[StrictInt, Field(ge=1, le=24 * 60)]


class UnmuteAction(_Action):
    action: Literal["unmute"]
    pseudonym: Pseudonym


class RemoveAction(_Action):
    action: Literal["remove"]
    pseudonym: Pseudonym


class BanAction(_Action):
    action: Literal["ban"]
    pseudonym: Pseudonym


class PauseAction(_Action):
    action: Literal["pause"]


class ResumeAction(_Action):
    action: Literal["resume"]


class SlowModeAction(_Action):
    action: Literal["slow_mode"]
    seconds: Annotated[StrictInt, Field(ge=0, le=600)]


class EndSessionAction(_Action):
    action: Literal["end_session"]


class OpenSessionAction(_Action):
    action: Literal["open_session"]


class EscalateAction(_Action):
    action: Literal["escalate"]
    flag_id: Id


class EscalationUpdateAction(_Action):
    action: Literal["escalation_update"]
    escalation_id: Id
    state: Literal["in_contact", "handed_off", "closed"]
    note: Annotated[StrictStr, Field(max_length=2000)] = ""


class SendCrisisCardAction(_Action):
    action: Literal["send_crisis_card"]
    pseudonym: Pseudonym


class ReadmitAction(_Action):
    action: Literal["readmit"]
    pseudonym: Pseudonym


class NoteAction(_Action):
    """A private note about one member (``pseudonym``) or one escalation, not both."""

    action: Literal["note"]
    pseudonym: Pseudonym | None = None
    escalation_id: Id | None = None
    text: Annotated[StrictStr, Field(min_length=1, max_length=2000)]

    @model_validator(mode="after")
    def _about_exactly_one(self) -> NoteAction:
        if (self.pseudonym is None) == (self.escalation_id is None):
            raise ValueError("give exactly one of pseudonym and escalation_id")
        if not self.text.strip():
            raise ValueError("a note needs some text")
        return self


ModerationAction = (
    ApproveAction
    | RejectAction
    | HideAction
    | AckFlagAction
    | ResolveFlagAction
    | AckEscalationAction
    | MuteAction
    | UnmuteAction
    | RemoveAction
    | BanAction
    | PauseAction
    | ResumeAction
    | SlowModeAction
    | EndSessionAction
    | EscalateAction
    | EscalationUpdateAction
    | OpenSessionAction
    | SendCrisisCardAction
    | ReadmitAction
    | NoteAction
)
_action_adapter: TypeAdapter[ModerationAction] = TypeAdapter(
    Annotated[ModerationAction, Field(discriminator="action")]
)
# The action names, read off the union so that the two can never disagree.
KNOWN_ACTIONS = frozenset(
    get_args(model.model_fields["action"].annotation)[0] for model in get_args(ModerationAction)
)

_command_adapter: TypeAdapter[Command] = TypeAdapter(
    Annotated[Command, Field(discriminator="type")]
)

KNOWN_COMMAND_TYPES = frozenset({"sync", "send", "typing", "report", "delete", "moderate"})


@dataclass(frozen=True, slots=True)
class ProtocolError:
    """A frame that cannot be acted on; answered with an ``error`` frame."""

    code: ErrorCode
    detail: str
    client_id: str | None = None
    # Seconds after which the same send may simply be sent again (a transient failure).
    retry_after: float | None = None

    def to_frame(self) -> dict[str, object]:
        frame: dict[str, object] = {"type": "error", "code": self.code, "detail": self.detail}
        if self.client_id is not None:
            frame["client_id"] = self.client_id
        if self.retry_after is not None:
            frame["retry_after"] = self.retry_after
        return frame


def _describe(exc: PydanticValidationError) -> str:
    parts = []
    for err in exc.errors(include_input=False, include_url=False)[:3]:
        where = ".".join(str(p) for p in err["loc"]) or "frame"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def _client_id_of(payload: dict[str, object]) -> str | None:
    raw = payload.get("client_id")
    if isinstance(raw, str) and len(raw) <= 64:
        try:
            return str(uuid.UUID(raw))
        except ValueError:
            return None
    return None


def parse_frame(text_data: str | None, bytes_data: bytes | None) -> Command | ProtocolError:
    """Turn one websocket frame into a command, or say precisely why it is refused."""
    if text_data is None:
        return ProtocolError("invalid", "Frames must be JSON text, not binary.")
    if len(text_data) * 4 > settings.CIRCLES_FRAME_MAX_BYTES and (
        len(text_data.encode("utf-8", "surrogatepass")) > settings.CIRCLES_FRAME_MAX_BYTES
    ):
        return ProtocolError("too_long", "Frames are at most 16 KiB.")
    try:
        payload = json.loads(text_data)
    except (ValueError, RecursionError):
        return ProtocolError("invalid", "The frame is not valid JSON.")
    if not isinstance(payload, dict):
        return ProtocolError("invalid", 'A frame is a JSON object with a "type".')
    frame_type = payload.get("type")
    if not isinstance(frame_type, str) or frame_type not in KNOWN_COMMAND_TYPES:
        return ProtocolError("invalid", "Unknown or missing frame type.")
    client_id = _client_id_of(payload) if frame_type == "send" else None
    try:
        command = _command_adapter.validate_python(payload)
    except PydanticValidationError as exc:
        return ProtocolError("invalid", _describe(exc), client_id)
    except RecursionError:
        return ProtocolError("invalid", "The frame is nested too deeply.")
    if isinstance(command, SendCommand):
        try:
            check_message_text(command.text)
        except ServiceError as exc:
            return ProtocolError(exc.code, exc.detail, client_id)
    return command


def parse_moderation(command: ModerateCommand) -> ModerationAction | ProtocolError:
    """The typed action of a facilitator's ``moderate`` frame (after the role check)."""
    if command.action not in KNOWN_ACTIONS:
        return ProtocolError("invalid", "Unknown moderation action.")
    try:
        return _action_adapter.validate_python(command.model_dump(exclude={"type"}))
    except PydanticValidationError as exc:
        return ProtocolError("invalid", _describe(exc))
