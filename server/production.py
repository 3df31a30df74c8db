"""Production is production (issue 12): the server refuses to start on the public development
``SECRET_KEY``, or with none, unless ``DJANGO_DEBUG`` is on."""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY_PREFIX = "django-insecure-"


def insecure_secret_key(key: str) -> bool:
    return not key or key.startswith(DEVELOPMENT_KEY_PREFIX) or len(set(key)) < 5 or len(key) < 32


def refuse_an_insecure_start() -> None:
    """Raise, with a message that says what to do, when a production server would sign
    sessions with a key anyone can read in this repository.

    In-process tests import the ASGI application under the test settings (``pytest`` is
    loaded); servers the tests start as processes are given a key of their own.
    """
    if settings.DEBUG or "pytest" in sys.modules:
        return
    if insecure_secret_key(settings.SECRET_KEY):
        raise ImproperlyConfigured(
            "Refusing to start: SECRET_KEY is not set (or is the development key, or shorter "
            "than 32 characters) and DJANGO_DEBUG is off. Set SECRET_KEY to a long random "
            "value, e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
