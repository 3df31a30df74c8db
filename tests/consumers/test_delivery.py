"""SeqCursor: the per-connection ordering rules, without a socket."""

from consumers.delivery import Reorder, SeqCursor


def test_a_new_cursor_is_not_live_and_has_sent_nothing() -> None:
    cursor = SeqCursor()
    assert cursor.sent is None and not cursor.live
    assert not cursor.gap_before(5)


def test_sync_start_is_the_clients_seq_at_first() -> None:
    assert SeqCursor().sync_start(after_seq=3, room_last_seq=10) == 3


def test_sync_start_never_goes_back_before_what_was_sent() -> None:
    cursor = SeqCursor(sent=8)
    assert cursor.sync_start(after_seq=2, room_last_seq=10) == 8


def test_sync_start_is_clamped_to_the_room_end() -> None:
    assert SeqCursor().sync_start(after_seq=99, room_last_seq=10) == 10


def test_sync_null_means_recent_unless_something_was_sent() -> None:
    assert SeqCursor().sync_start(after_seq=None, room_last_seq=10) is None
    assert SeqCursor(sent=4).sync_start(after_seq=None, room_last_seq=10) == 4


def test_accept_sends_each_seq_once_in_increasing_order() -> None:
    cursor = SeqCursor()
    assert cursor.accept(1) and cursor.accept(2)
    assert not cursor.accept(2)
    assert not cursor.accept(1)
    assert cursor.sent == 2


def test_gap_detection() -> None:
    cursor = SeqCursor(sent=3)
    assert not cursor.gap_before(4)
    assert cursor.gap_before(6)
    assert not cursor.gap_before(2)


def test_caught_up_goes_live_only_when_complete() -> None:
    cursor = SeqCursor()
    cursor.caught_up_to(200, complete=False)
    assert cursor.sent == 200 and not cursor.live
    cursor.caught_up_to(150, complete=True)
    assert cursor.sent == 200 and cursor.live


def test_a_message_that_overtook_an_earlier_one_waits_for_it() -> None:
    cursor = SeqCursor(sent=4, live=True)
    reorder = Reorder()
    reorder.hold(6, {"seq": 6})
    reorder.hold(7, {"seq": 7})
    assert reorder.release(cursor) == []
    assert reorder.highest() == 7
    assert cursor.accept(5)
    assert reorder.release(cursor) == [{"seq": 6}, {"seq": 7}]
    assert cursor.sent == 7
    assert reorder.highest() is None


def test_waiting_messages_a_gap_fetch_already_sent_are_dropped() -> None:
    cursor = SeqCursor(sent=4, live=True)
    reorder = Reorder()
    reorder.hold(6, {"seq": 6})
    reorder.hold(9, {"seq": 9})
    cursor.caught_up_to(7, complete=True)
    assert reorder.release(cursor) == []
    assert reorder.highest() == 9
    cursor.caught_up_to(8, complete=True)
    assert reorder.release(cursor) == [{"seq": 9}]
    assert reorder.highest() is None
