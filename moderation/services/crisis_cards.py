"""The crisis card: a group's crisis lines, sent privately to one member."""

from __future__ import annotations

from groups.events.audiences import MemberAudience
from groups.events.transport import send_event_on_commit
from groups.events.types import CrisisCard
from groups.models import Membership
from moderation.selectors import crisis_resources_for


def crisis_card_send(*, member: Membership, note: str | None = None) -> None:
    """Send ``member``, privately and after commit, the crisis lines of their group's
    region (``note``: why it comes now, when it is not the author's first card)."""
    resources = crisis_resources_for(region=member.group.crisis_region)
    send_event_on_commit(
        CrisisCard(resources=tuple(resources), note=note), MemberAudience(member.pk)
    )
