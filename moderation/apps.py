"""The Django side of moderation: what the screen decided, flags, holds, crisis resources.

The pipeline itself (``moderation.screen`` and everything it imports) stays pure: no
Django, no database. Only ``models``, ``services``, ``selectors`` and ``admin`` use Django.
"""

from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation and crisis resources"
