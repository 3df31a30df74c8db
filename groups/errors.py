"""Errors that services and selectors raise; the codes are the protocol's error codes."""

from __future__ import annotations

from typing import Literal

ErrorCode = Literal[
    "invalid", "too_long", "rate_limited", "muted", "forbidden", "not_found", "session_closed"
]


class ServiceError(Exception):
    """A refused request, with the error code the client is shown and a safe detail."""

    def __init__(self, code: ErrorCode, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code: ErrorCode = code
        self.detail = detail


class GroupNotFound(ServiceError):
    """The group does not exist *or* the caller may not see it: deliberately one error."""

    def __init__(self) -> None:
        super().__init__("not_found", "No such group.")
