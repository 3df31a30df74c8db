"""Who may act: an active facilitator of the group, certified today."""

from __future__ import annotations

from datetime import datetime

from groups.errors import ServiceError
from groups.models import Certification, Membership
from groups.selectors import RoomAccess


def facilitator_for(*, access: RoomAccess, now: datetime) -> Membership:
    """The acting facilitator, re-checked now: active, of this group, certified."""
    membership = (
        Membership.objects.select_related("user")
        .filter(
            pk=access.membership_id,
            state=Membership.State.ACTIVE,
            role=Membership.Role.FACILITATOR,
        )
        .first()
    )
    if membership is None:
        raise ServiceError("forbidden", "Only the group's facilitators can do that.")
    if not Certification.objects.filter(
        user_id=membership.user_id, expires_on__gte=now.date()
    ).exists():
        raise ServiceError(
            "forbidden", "Your facilitator certification has expired; a coordinator can renew it."
        )
    return membership
