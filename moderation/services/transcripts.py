"""Anonymised transcripts of a group's sessions (SPEC 5).

A transcript is built when it is read, from the session's posted messages: held, rejected,
hidden and deleted messages are not in it, nor are crisis cards, notes or moderation events
(none of them is a posted message). Authors are "Member 1", "Member 2", ... in the order of
their first message and "Facilitator" (numbered when there are several), fresh in each
transcript. The text is redacted (``moderation.redaction``) with every name the group's
members go by. Every read and every download is an audit row; a transcript that does not
exist and one the caller may not read are the same :class:`GroupNotFound`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q

from groups import selectors
from groups.audit import audit_record
from groups.errors import GroupNotFound
from groups.models import Membership, Message, Session
from moderation.redaction import redact


@dataclass(frozen=True, slots=True)
class TranscriptSummary:
    id: int
    started: datetime
    ended: datetime | None
    message_count: int


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    seq: int
    author: str
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class Transcript:
    id: int
    group: str
    group_slug: str
    started: datetime
    ended: datetime | None
    lines: tuple[TranscriptLine, ...]

    @property
    def in_progress(self) -> bool:
        return self.ended is None


def transcript_list(*, user: User | AnonymousUser, slug: str) -> list[TranscriptSummary]:
    """The group's sessions that have been opened, newest first, for a member of it."""
    membership = selectors.membership_for(user=user, slug=slug)
    sessions = (
        Session.objects.filter(group_id=membership.group_id, opened_at__isnull=False)
        .annotate(posted=Count("messages", filter=Q(messages__state=Message.State.POSTED)))
        .order_by("-opened_at", "-pk")
    )
    return [
        TranscriptSummary(
            id=s.pk,
            started=s.opened_at,  # type: ignore[arg-type]  # filtered to opened sessions
            ended=s.closed_at,
            message_count=s.posted,
        )
        for s in sessions
    ]


def _names_of(group_id: int) -> list[str]:
    """Every name a member of the group goes by: pseudonym, username, first and last name
    (former and banned members too: their names still identify them)."""
    names: set[str] = set()
    for pseudonym, username, first, last in Membership.objects.filter(
        group_id=group_id
    ).values_list("pseudonym", "user__username", "user__first_name", "user__last_name"):
        names.update(n for n in (pseudonym, username, first, last) if n)
    return sorted(names)


def _labels(authors: list[tuple[int, str]]) -> dict[int, str]:
    """Membership id -> "Member N" / "Facilitator" (numbered if several), by first message."""
    facilitators = [m for m, role in authors if role == Membership.Role.FACILITATOR]
    labels: dict[int, str] = {}
    members = 0
    for membership_id, role in authors:
        if membership_id in labels:
            continue
        if role == Membership.Role.FACILITATOR:
            number = facilitators.index(membership_id) + 1
            labels[membership_id] = (
                "Facilitator" if len(facilitators) == 1 else f"Facilitator {number}"
            )
        else:
            members += 1
            labels[membership_id] = f"Member {members}"
    return labels


def transcript_read(
    *, user: User | AnonymousUser, transcript_id: int, now: datetime, download: bool
) -> Transcript:
    """The transcript of session ``transcript_id`` for a member or facilitator of its group
    (up to now, while the session is open); the read is audited."""
    session = Session.objects.select_related("group").filter(pk=transcript_id).first()
    if session is None or session.opened_at is None:
        raise GroupNotFound()
    membership = selectors.membership_for(user=user, slug=session.group.slug)
    reader = membership.user
    messages = list(
        Message.objects.filter(session_id=session.pk, state=Message.State.POSTED)
        .order_by("seq")
        .values_list("seq", "author_id", "author_role", "posted_at", "created_at", "text")
    )
    firsts: list[tuple[int, str]] = []
    seen: set[int] = set()
    for _, author_id, role, *_rest in messages:
        if author_id not in seen:
            seen.add(author_id)
            firsts.append((author_id, role))
    labels = _labels(firsts)
    names = _names_of(session.group_id)
    lines = tuple(
        TranscriptLine(
            seq=seq or 0,
            author=labels[author_id],
            at=posted_at or created_at,
            text=redact(text, names).text,
        )
        for seq, author_id, _, posted_at, created_at, text in messages
    )
    audit_record(
        actor=reader,
        group_id=session.group_id,
        action="transcript_download" if download else "transcript_read",
        target_type="session",
        target_id=session.pk,
        at=now,
        detail={"role": membership.role},
    )
    return Transcript(
        id=session.pk,
        group=session.group.name,
        group_slug=session.group.slug,
        started=session.opened_at,
        ended=session.closed_at,
        lines=lines,
    )


def transcript_markdown(transcript: Transcript) -> str:
    """The transcript as a Markdown document (the download)."""
    ended = f"{transcript.ended:%Y-%m-%d %H:%M} UTC" if transcript.ended else "in progress"
    out = [
        f"# {transcript.group}: session transcript",
        "",
        f"Started {transcript.started:%Y-%m-%d %H:%M} UTC; ended {ended}.",
        "",
        "Authors are numbered within this transcript only; personal details are replaced by",
        "placeholders such as [name] or [phone]. What is shared here stays here.",
        "",
    ]
    for line in transcript.lines:
        # Escaped so that a message cannot become a heading, a link or an image.
        text = _escape_markdown(line.text).replace("\n", "  \n  ")
        out.append(f"- **{line.author}** ({line.at:%H:%M}): {text}")
    if not transcript.lines:
        out.append("No messages were posted in this session.")
    return "\n".join(out) + "\n"


_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]()#+-.!|<>~"})


def _escape_markdown(text: str) -> str:
    return text.translate(_MARKDOWN_SPECIAL)
