"""Who hears an event: everyone in a room, its facilitators, or one member."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RoomAudience:
    """Everyone connected to a group's room."""

    group_id: int

    @property
    def channel_group(self) -> str:
        return f"room.{self.group_id}"


@dataclass(frozen=True, slots=True)
class FacilitatorAudience:
    """The facilitators connected to a group's room."""

    group_id: int

    @property
    def channel_group(self) -> str:
        return f"room.{self.group_id}.facilitators"


@dataclass(frozen=True, slots=True)
class MemberAudience:
    """Every connection of one membership (one person in one group)."""

    membership_id: int

    @property
    def channel_group(self) -> str:
        return f"member.{self.membership_id}"


Audience = RoomAudience | FacilitatorAudience | MemberAudience
