"""Escalation services: acknowledge, page coordinators when the deadline passes, deliver
pages (in-app, webhook, e-mail) with retries. Run by the worker (``escalation_worker``),
so paging never depends on a websocket being open, and driven by the database, so a
deadline set before a restart still fires after it.

Pages never carry message text or who wrote it.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction

from groups.errors import ServiceError
from groups.models import Membership
from moderation.models import CoordinatorPage, Escalation
from moderation.services.crisis_cards import crisis_card_send
from moderation.services.reviews import ESCALATION, review_move

logger = logging.getLogger(__name__)

# Backoff between delivery attempts of one page: 2, 4, 8, ... seconds, at most 5 minutes.
MAX_BACKOFF_SECONDS = 300
# Said only what is true at that moment: no facilitator has replied yet; "on-call team"
# only when someone was actually paged.
CARD_NOTE_AFTER_PAGE = (
    "A facilitator hasn't been able to reply yet and our on-call team has been asked to "
    "follow up. The fastest help is a direct crisis line: call or text one of these now, or "
    "your local emergency number."
)
CARD_NOTE_NOBODY_PAGED = (
    "A facilitator hasn't been able to reply yet. The fastest help is a direct crisis line: "
    "call or text one of these now, or your local emergency number."
)

Poster = Callable[[str, bytes], int]


def escalation_acknowledge(*, acting_user: User, escalation_id: int, now: datetime) -> Escalation:
    """A facilitator of the group takes the escalation: its deadline no longer pages anyone."""
    with transaction.atomic():
        escalation = Escalation.objects.select_for_update().filter(pk=escalation_id).first()
        if (
            escalation is None
            or not Membership.objects.filter(
                user=acting_user, group_id=escalation.group_id, role=Membership.Role.FACILITATOR
            ).exists()
        ):
            raise ServiceError("not_found", "No such escalation.")
        if escalation.state != Escalation.State.OPEN:
            return escalation
        review_move(
            ESCALATION, escalation, Escalation.State.ACKNOWLEDGED, actor=acting_user, now=now
        )
    return escalation


def escalations_page_due(*, now: datetime) -> int:
    """Page coordinators for every open escalation past its deadline; return how many."""
    paged = 0
    while True:
        with transaction.atomic():
            # One at a time, locked and skipped by other workers: each is paged exactly once.
            escalation = (
                Escalation.objects.select_for_update(skip_locked=True)
                .select_related("group", "flag__message__author__group")
                .filter(
                    state=Escalation.State.OPEN,
                    coordinators_paged_at__isnull=True,
                    ack_deadline__lte=now,
                )
                .order_by("ack_deadline")
                .first()
            )
            if escalation is None:
                return paged
            _page_coordinators(escalation, now=now)
            paged += 1


def _page_coordinators(escalation: Escalation, *, now: datetime) -> None:
    escalation.coordinators_paged_at = now
    escalation.save(update_fields=["coordinators_paged_at"])
    coordinators = list(escalation.group.coordinators.filter(is_active=True))
    pages = [_page(escalation, CoordinatorPage.Channel.IN_APP, user, now) for user in coordinators]
    if settings.CIRCLES_ESCALATION_EMAIL:
        pages += [
            _page(escalation, CoordinatorPage.Channel.EMAIL, user, now)
            for user in coordinators
            if user.email
        ]
    if settings.CIRCLES_ESCALATION_WEBHOOK_URL:
        pages.append(_page(escalation, CoordinatorPage.Channel.WEBHOOK, None, now))
    CoordinatorPage.objects.bulk_create(pages)
    # The declared paging step: its history row, its audit row, and the facilitators'
    # queue showing that coordinators were paged (``paged_at``).
    review_move(
        ESCALATION,
        escalation,
        Escalation.State.OPEN,
        actor=None,
        now=now,
        note="not acknowledged in time: coordinators paged",
    )
    # The author is told, privately, that direct crisis lines are the fastest help.
    crisis_card_send(
        member=escalation.flag.message.author,
        note=CARD_NOTE_AFTER_PAGE if pages else CARD_NOTE_NOBODY_PAGED,
    )


def _page(
    escalation: Escalation, channel: str, recipient: User | None, now: datetime
) -> CoordinatorPage:
    """One page to deliver; an in-app page is delivered by being stored."""
    in_app = channel == CoordinatorPage.Channel.IN_APP
    return CoordinatorPage(
        escalation=escalation,
        channel=channel,
        recipient=recipient,
        status=CoordinatorPage.Status.DELIVERED if in_app else CoordinatorPage.Status.PENDING,
        next_attempt_at=now,
        created_at=now,
        delivered_at=now if in_app else None,
    )


def webhook_payload(escalation: Escalation) -> dict[str, object]:
    """The JSON of SPEC 3.4: nothing about the message or who wrote it."""
    return {
        "escalation_id": escalation.pk,
        "group": escalation.group.slug,
        "severity": escalation.severity,
        "opened_at": escalation.opened_at.isoformat(),
        "url": f"{settings.CIRCLES_BASE_URL.rstrip('/')}"
        f"/admin/moderation/escalation/{escalation.pk}/change/",
    }


def _post_json(url: str, body: bytes) -> int:
    request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def pages_deliver(*, now: datetime, post: Poster = _post_json) -> int:
    """Try every page that is due; reschedule failures with backoff. Return deliveries."""
    delivered = 0
    due = list(
        CoordinatorPage.objects.select_related("escalation__group", "recipient")
        .filter(status=CoordinatorPage.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")[:100]
    )
    for page in due:
        error = ""
        try:
            ok = _deliver_page(page, post)
        except Exception as exc:
            ok, error = False, type(exc).__name__
        page.attempts += 1
        if ok:
            page.status = CoordinatorPage.Status.DELIVERED
            page.delivered_at = now
            delivered += 1
        else:
            backoff = min(2**page.attempts, MAX_BACKOFF_SECONDS)
            page.next_attempt_at = now + timedelta(seconds=backoff)
            page.last_error = error or "not answered 2xx"
            logger.warning(
                "page %s (%s) of escalation %s failed (attempt %s): %s",
                page.pk,
                page.channel,
                page.escalation_id,
                page.attempts,
                page.last_error,
            )
        page.save(
            update_fields=["status", "attempts", "next_attempt_at", "last_error", "delivered_at"]
        )
    return delivered


def _deliver_page(page: CoordinatorPage, post: Poster) -> bool:
    escalation = page.escalation
    if page.channel == CoordinatorPage.Channel.WEBHOOK:
        body = json.dumps(webhook_payload(escalation)).encode()
        status = post(settings.CIRCLES_ESCALATION_WEBHOOK_URL, body)
        return 200 <= status < 300
    if page.channel == CoordinatorPage.Channel.EMAIL and page.recipient is not None:
        payload = webhook_payload(escalation)
        send_mail(
            subject=f"Circles: urgent escalation in {escalation.group.name} not acknowledged",
            message=(
                "An urgent crisis flag was not acknowledged by a facilitator in time.\n"
                f"Group: {escalation.group.name}\nOpened: {payload['opened_at']}\n"
                f"Open it: {payload['url']}\n"
            ),
            from_email=None,
            recipient_list=[page.recipient.email],
        )
        return True
    return True
