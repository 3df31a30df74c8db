"""The detectors; importing this package registers each of them, in this order."""

from moderation.screen.detectors import (  # noqa: F401
    contact,
    crisis,
    harassment,
    medical_advice,
    meeting,
    money,
    profanity,
    romance,
)
