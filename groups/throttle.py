"""Login throttling (issue 12): failed logins are counted per account and per address, and at
the limit every login for that account, or from that address, is refused until the count
expires: a time-based unlock, no administrator needed.

The algorithm: a counter in Django's cache (Redis when ``REDIS_URL`` is set, so every
process shares it), started at the first attempt and expiring ``CIRCLES_LOGIN_LOCKOUT_SECONDS``
later. Each attempt adds one *before* its password is checked (an atomic increment), and a
right password takes its one back: so however many guesses arrive at once, at most the limit
of them is ever checked (counting after the check let 8 of 80 guesses, sent 40 at a time,
through a limit of 5). While a counter is past its limit the password is not even checked, so a
flood of bad logins costs a cache round trip each and cannot slow the room. The message is
the same whether or not the account exists. Every login path goes through
:class:`ThrottledModelBackend`: the API, the login page and the admin's.
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

MESSAGE = "Too many attempts to log in. Please wait {minutes} minutes, then try again."


def _address(request: HttpRequest | None) -> str:
    """The client's address. Behind ``CIRCLES_PROXY_HOPS`` trusted proxies it is the one
    they recorded in X-Forwarded-For; otherwise every client behind a router would share
    the router's address, and one person's guesses would lock everyone out."""
    if request is None:
        return "unknown"
    hops = settings.CIRCLES_PROXY_HOPS
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return request.META.get("REMOTE_ADDR") or "unknown"


def _keys(username: str, request: HttpRequest | None) -> tuple[str, str]:
    # Hashed: the cache holds no username or address in the clear.
    account = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    address = hashlib.sha256(_address(request).encode()).hexdigest()[:32]
    return f"login-fail:account:{account}", f"login-fail:address:{address}"


def blocked(username: str, request: HttpRequest | None) -> bool:
    """Whether logins for ``username`` from this request's address are refused now."""
    account, address = _keys(username, request)
    counts = cache.get_many([account, address])
    return (
        counts.get(account, 0) >= settings.CIRCLES_LOGIN_FAILURES_PER_ACCOUNT
        or counts.get(address, 0) >= settings.CIRCLES_LOGIN_FAILURES_PER_ADDRESS
    )


def _count(key: str) -> int:
    """One more attempt on ``key``: its count after this one (atomic in the cache)."""
    if cache.add(key, 1, timeout=settings.CIRCLES_LOGIN_LOCKOUT_SECONDS):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=settings.CIRCLES_LOGIN_LOCKOUT_SECONDS)
        return 1


def reserve(username: str, request: HttpRequest | None) -> bool:
    """Count one attempt for the account and the address; whether it is within both
    limits (and so may have its password checked)."""
    account, address = _keys(username, request)
    within_account = _count(account) <= settings.CIRCLES_LOGIN_FAILURES_PER_ACCOUNT
    within_address = _count(address) <= settings.CIRCLES_LOGIN_FAILURES_PER_ADDRESS
    return within_account and within_address


def release(username: str, request: HttpRequest | None) -> None:
    """The attempt was right: take back what ``reserve`` counted."""
    for key in _keys(username, request):
        with contextlib.suppress(ValueError):  # expired meanwhile: nothing to take back
            cache.decr(key)


def message() -> str:
    return MESSAGE.format(minutes=max(1, round(settings.CIRCLES_LOGIN_LOCKOUT_SECONDS / 60)))


class ThrottledModelBackend(ModelBackend):
    """Django's ModelBackend, refusing (without checking the password) while throttled and
    counting every failure."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        name = username if username is not None else kwargs.get("username", "")
        if name is None or password is None:
            return None
        if not reserve(name, request):
            if request is not None:
                request.login_throttled = True  # type: ignore[attr-defined]
            raise PermissionDenied(message())
        user = super().authenticate(request, username=name, password=password, **kwargs)
        if user is not None:
            release(name, request)
        return user


class _Throttled:
    """The throttle's message on a login form, instead of "wrong password"."""

    request: HttpRequest | None
    throttled = False

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")  # type: ignore[attr-defined]
        if username and blocked(username, self.request):
            self.throttled = True
            raise ValidationError(message(), code="throttled")
        return super().clean()  # type: ignore[misc]


class ThrottledAuthenticationForm(_Throttled, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(_Throttled, AdminAuthenticationForm):
    pass
