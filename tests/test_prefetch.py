import threading

import pytest

from kg.prefetch import prefetch


def test_items_come_in_order():
    assert list(prefetch(iter(range(500)), ahead=3)) == list(range(500))


def test_items_are_made_in_another_thread():
    def made():
        for _ in range(3):
            yield threading.current_thread().name

    assert set(prefetch(made(), ahead=1)) == {"kg-prefetch"}


def test_an_error_in_the_producer_reaches_the_consumer_after_the_good_items():
    def items():
        yield 1
        yield 2
        raise ValueError("bad item")

    got = []
    with pytest.raises(ValueError, match="bad item"):
        for item in prefetch(items(), ahead=5):
            got.append(item)
    assert got == [1, 2]


def test_a_consumer_that_stops_early_stops_the_producer():
    produced = []

    def items():
        for i in range(10_000):
            produced.append(i)
            yield i

    stream = prefetch(items(), ahead=2)
    assert next(stream) == 0
    stream.close()  # joins the producer
    assert len(produced) <= 5
    assert not any(t.name == "kg-prefetch" for t in threading.enumerate())


def test_ahead_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        list(prefetch([1], ahead=0))
