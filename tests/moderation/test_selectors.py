"""Moderation reads: the crisis lines' tap-to-call and tap-to-text links, made once."""

from __future__ import annotations

import pytest

from moderation.selectors import crisis_line_hrefs, crisis_resources_for


@pytest.mark.parametrize(
    ("phone", "text", "expected"),
    [
        ("988", "text 988", ("tel:988", "sms:988")),
        ("", "text HOME to 741741", (None, "sms:741741?body=HOME")),
        ("", "text shout to 85258", (None, "sms:85258?body=SHOUT")),
        ("116 123", "", ("tel:116123", None)),
        ("13 11 14", "", ("tel:131114", None)),
        ("+44 20 7946 0000", "", ("tel:+442079460000", None)),
        ("", "message us on the website", (None, None)),
        ("", "", (None, None)),
    ],
)
def test_crisis_line_hrefs(phone: str, text: str, expected: tuple[str | None, str | None]) -> None:
    assert crisis_line_hrefs(phone=phone, text=text) == expected


@pytest.mark.django_db
def test_every_shipped_line_carries_its_links() -> None:
    lines = crisis_resources_for(region="US")
    by_name = {line["name"]: line for line in lines}
    assert by_name["988 Suicide & Crisis Lifeline"]["tel_href"] == "tel:988"
    assert by_name["Crisis Text Line"]["sms_href"] == "sms:741741?body=HOME"
    assert by_name["Emergency services"]["sms_href"] is None
