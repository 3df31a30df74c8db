"""The screen's second opinion in the room: read after the ack, add a flag or raise it.

:func:`second_look` runs on the event loop as its own task once a message is stored (posted
or held). The encoder runs in one thread of its own, off the event loop and off the
database thread; when it adds something, :func:`second_opinion_apply` records it in the
database thread and the facilitators on duty get the flag (and an urgent one its
escalation) like any other. It may only add: a flag the screen did not raise, a concern
raised to urgent; never a flag removed or a severity lowered.

Its absence (not built, failed to load, switched off) or a failure leaves the room as the
synchronous screen alone would, and ``/healthz`` reports it (:func:`health`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from groups.events.transport import call_service
from groups.logsafe import log_failure
from groups.models import Message
from moderation.models import Flag, ScreenRecord
from moderation.screen import second_opinion
from moderation.screen.second_opinion import Addition, Screened
from moderation.services.review_items import escalation_for_urgent
from moderation.services.reviews import FLAG, review_announce, review_move, review_open

logger = logging.getLogger(__name__)

# One thread: onnxruntime releases the GIL while it computes, and one core is its budget.
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="second-opinion")
_tasks: set[asyncio.Task[Addition | None]] = set()
_lock = threading.Lock()
_warmed = False
_counts = {"pending": 0, "read": 0, "added": 0, "skipped": 0, "failed": 0}


@dataclass(frozen=True, slots=True)
class SecondLook:
    """A stored message waiting for the second opinion (the text stays in memory only
    until it is read)."""

    message_id: uuid.UUID
    record_id: int
    text: str
    screened: Screened


def _count(name: str, by: int = 1) -> None:
    with _lock:
        _counts[name] += by


def health() -> dict[str, object]:
    """For ``/healthz``: whether the second opinion is working in this process, and what it
    has done since the process started."""
    with _lock:
        counts = dict(_counts)
    state = second_opinion.status() if settings.CIRCLES_SECOND_OPINION else "off"
    return {"status": state, **counts}


def _judge(look: SecondLook) -> Addition | None:
    opinion = second_opinion.shared()
    if opinion is None:
        return None
    return opinion.judge(look.text, look.screened)


def warm() -> None:
    """Load the encoder in its thread ahead of the first message (once per process; the
    first connection calls it), so that the first message read is not also the slowest."""
    global _warmed
    if _warmed or not settings.CIRCLES_SECOND_OPINION:
        return
    _warmed = True
    _executor.submit(second_opinion.shared)


def schedule(look: SecondLook) -> None:
    """Start the second look at a message (from the event loop, after its ack is sent)."""
    if not settings.CIRCLES_SECOND_OPINION:
        return
    with _lock:
        if _counts["pending"] >= settings.CIRCLES_SECOND_OPINION_MAX_PENDING:
            _counts["skipped"] += 1
            return
        _counts["pending"] += 1
    task = asyncio.get_running_loop().create_task(second_look(look))
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)


async def second_look(look: SecondLook) -> Addition | None:
    """Read ``look`` with the encoder and record what it adds; returns the addition."""
    try:
        loop = asyncio.get_running_loop()
        addition = await loop.run_in_executor(_executor, _judge, look)
        if addition is None:
            return None
        _count("read")
        if addition:
            applied = await call_service(
                second_opinion_apply, look=look, addition=addition, now=timezone.now()
            )
            _count("added", int(applied))
        return addition
    except Exception as exc:  # the room goes on with the screen's own decision
        _count("failed")
        log_failure(logger, "the second opinion", exc)
        return None
    finally:
        _count("pending", -1)


def second_opinion_apply(*, look: SecondLook, addition: Addition, now: datetime) -> bool:
    """Record what the second opinion adds to a stored message, and tell the facilitators.

    A message no longer in the room (deleted by its author, hidden, rejected) is left
    alone. Returns whether anything changed."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update()
            .select_related("room")
            .filter(pk=look.message_id, state__in=(Message.State.POSTED, Message.State.HELD))
            .first()
        )
        if message is None:
            return False
        flag = Flag.objects.select_for_update().filter(message=message).first()
        urgent = addition.severity == "urgent"
        category = (
            "crisis"
            if addition.severity
            else "harassment"
            if "harassment" in addition.labels
            else "boundary"
        )
        if flag is None:
            flag = Flag.objects.create(
                message=message,
                group_id=message.room.group_id,
                category=category,
                severity=addition.severity or "",
                reasons=list(addition.reasons),
                created_at=now,
            )
            if urgent:
                escalation_for_urgent(flag=flag, now=now)
            review_open(FLAG, flag, now=now, note="second opinion")
        else:
            raised = addition.severity is not None and (
                flag.category != "crisis" or (urgent and flag.severity != "urgent")
            )
            flag.reasons = [*flag.reasons, *(r for r in addition.reasons if r not in flag.reasons)]
            if raised:
                flag.category = "crisis"
                flag.severity = addition.severity or flag.severity
            flag.save(update_fields=["reasons", "category", "severity"])
            if urgent and raised and not hasattr(flag, "escalation"):
                escalation_for_urgent(flag=flag, now=now)
            if flag.status == Flag.Status.RESOLVED and raised:
                review_move(
                    FLAG, flag, Flag.Status.OPEN, actor=None, now=now, note="second opinion"
                )
            else:
                review_announce(FLAG, flag)
        _record(look, addition)
    return True


def _record(look: SecondLook, addition: Addition) -> None:
    """The message's screen record lists what the second opinion added (codes, not text)."""
    record = ScreenRecord.objects.select_for_update().get(pk=look.record_id)
    record.labels = [*record.labels, *(x for x in addition.labels if x not in record.labels)]
    record.boundary = [
        *record.boundary,
        *(x for x in addition.boundary if x not in record.boundary),
    ]
    record.reasons = [*record.reasons, *addition.reasons]
    if addition.severity and record.severity != "urgent":
        record.severity = addition.severity
    record.save(update_fields=["labels", "boundary", "reasons", "severity"])
