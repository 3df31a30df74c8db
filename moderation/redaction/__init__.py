"""Redaction of personal details in transcripts (SPEC 5): pure, like the screen.

    from moderation.redaction import redact

    redacted = redact("call me on 07700 900123, Willow", names=["Willow"])
    redacted.text   # "call me on [phone], [member]"
    redacted.spans  # (Span(11, 24, "phone"), Span(26, 32, "member"))

No Django, no database, no network, no logging of text (an import-linter contract and
``tests/moderation/redaction/`` check it).
"""

from moderation.redaction.spans import TYPES, Redacted, Span, find_spans, redact

__all__ = ["TYPES", "Redacted", "Span", "find_spans", "redact"]
