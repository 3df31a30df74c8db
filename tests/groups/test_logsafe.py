"""Logging failures without data: log_failure and the filter on channels-redis's receive loop."""

from __future__ import annotations

import logging
import sys

import pytest

from groups.logsafe import QuietLayerErrors, log_failure


def _record_with(exc: BaseException) -> logging.LogRecord:
    try:
        raise exc
    except type(exc):
        return logging.LogRecord(
            "channels_redis.pubsub",
            logging.ERROR,
            __file__,
            1,
            "Unexpected exception in receive task",
            (),
            sys.exc_info(),
        )


def test_a_layer_error_keeps_its_type_and_loses_its_message_and_traceback() -> None:
    record = _record_with(ConnectionError("payload: my secret words"))
    assert QuietLayerErrors().filter(record)
    formatted = logging.Formatter().format(record)
    assert "ConnectionError" in formatted
    assert "secret" not in formatted and "Traceback" not in formatted


def test_the_same_error_again_within_the_interval_is_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [100.0]
    monkeypatch.setattr("groups.logsafe.time.monotonic", lambda: clock[0])
    quiet = QuietLayerErrors(interval=60)
    assert quiet.filter(_record_with(ConnectionError("a")))
    clock[0] += 1
    assert not quiet.filter(_record_with(ConnectionError("b")))
    clock[0] += 60
    assert quiet.filter(_record_with(ConnectionError("c")))


def test_log_failure_names_the_exception_type_not_its_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR):
        log_failure(logging.getLogger("test"), "sending", ValueError("what someone wrote"))
    assert "ValueError" in caplog.text and "what someone wrote" not in caplog.text
