"""Revoked means revoked (issue 12): when access ends outside a room action, the open
sockets it let in close at once, with the documented close code and a notice saying why.

- Logging out (any way: the API, the page, the admin) closes every socket of the account
  (4401); another device whose own login is still valid reconnects by itself.
- A ban or a removal from the group made in the admin closes that member's sockets (4403),
  as the room's own "Ban" does.
- A new agreement version closes every socket of the group (4403): nobody posts under an
  agreement they have not accepted; the page shows the new one to accept.
- A facilitator's certification revoked, or changed so that it is no longer valid, closes
  their facilitator sockets (4403). One that runs out while they are connected sends no
  signal: their socket closes itself at that moment (``RoomConsumer.certification_watch``),
  and every moderation action checks it anyway.

These events travel on the channel layer, so on the in-memory layer they reach only the
sockets of the process that made the change (the admin and the pages are served by the web
process itself; a script is not). The safety net, as the database is for messages: every
heartbeat (``CIRCLES_HEARTBEAT_SECONDS``, 15) re-reads the connection's access in one query
(``selectors.revoked``: membership, account, login session, current agreement, certification,
removal from the open session) and ends it the same way, with the same notice and code.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from groups.events.audiences import MemberAudience
from groups.events.notices import AgreementChanged, Banned, CertificationEnded, SignedOut
from groups.events.transport import send_event_on_commit
from groups.models import Agreement, Certification, Membership


def sign_out_everywhere(user_id: int) -> None:
    """Close every open socket of the account (on commit)."""
    for membership_id in Membership.objects.filter(user_id=user_id).values_list("pk", flat=True):
        send_event_on_commit(SignedOut(), MemberAudience(membership_id))


@receiver(user_logged_out, dispatch_uid="circles-revoke-on-logout")
def _on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and user.pk is not None:
        sign_out_everywhere(user.pk)


@receiver(pre_save, sender=Membership, dispatch_uid="circles-revoke-note-state")
def _note_state(
    sender: Any, instance: Membership, update_fields: Any = None, **kwargs: Any
) -> None:
    # Only a save that may change the state reads the state before it.
    if instance.pk is None or (update_fields is not None and "state" not in update_fields):
        instance._state_before = None  # type: ignore[attr-defined]
        return
    instance._state_before = (  # type: ignore[attr-defined]
        Membership.objects.filter(pk=instance.pk).values_list("state", flat=True).first()
    )


@receiver(post_save, sender=Membership, dispatch_uid="circles-revoke-on-ban")
def _on_ban(sender: Any, instance: Membership, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, "_state_before", None)
    if (
        not created
        and instance.state == Membership.State.BANNED
        and before is not None
        and before != Membership.State.BANNED
    ):
        # Whoever banned them (the room's "Ban", the admin, a script): one path.
        send_event_on_commit(Banned(), MemberAudience(instance.pk))


@receiver(post_delete, sender=Membership, dispatch_uid="circles-revoke-on-delete")
def _on_delete(sender: Any, instance: Membership, **kwargs: Any) -> None:
    send_event_on_commit(Banned(), MemberAudience(instance.pk))


@receiver(post_save, sender=Agreement, dispatch_uid="circles-revoke-on-new-agreement")
def _on_new_agreement(sender: Any, instance: Agreement, created: bool, **kwargs: Any) -> None:
    if not created or instance.version <= 1:
        return  # a new group's first agreement: nobody is in the room yet
    for membership_id in Membership.objects.filter(group_id=instance.group_id).values_list(
        "pk", flat=True
    ):
        send_event_on_commit(AgreementChanged(), MemberAudience(membership_id))


def _close_facilitator_sockets(user_id: int) -> None:
    for membership_id in Membership.objects.filter(
        user_id=user_id, role=Membership.Role.FACILITATOR
    ).values_list("pk", flat=True):
        send_event_on_commit(CertificationEnded(), MemberAudience(membership_id))


@receiver(post_save, sender=Certification, dispatch_uid="circles-revoke-on-certification")
def _on_certification(sender: Any, instance: Certification, **kwargs: Any) -> None:
    from django.utils import timezone

    if instance.expires_on < timezone.now().date():
        _close_facilitator_sockets(instance.user_id)


@receiver(post_delete, sender=Certification, dispatch_uid="circles-revoke-certification-gone")
def _on_certification_deleted(sender: Any, instance: Certification, **kwargs: Any) -> None:
    _close_facilitator_sockets(instance.user_id)
