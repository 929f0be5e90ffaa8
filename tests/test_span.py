"""Span (listlint.source) is written by hand for speed; it keeps what the frozen dataclass it replaced gave."""

from __future__ import annotations

import copy
import pickle

import pytest

from listlint.source import Span


def test_span_is_immutable() -> None:
    span = Span(3, 7)
    with pytest.raises(AttributeError):
        span.start = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del span.end  # type: ignore[misc]
    with pytest.raises(AttributeError):
        span.other = 1  # type: ignore[attr-defined]
    assert (span.start, span.end) == (3, 7)


def test_span_equality_hash_and_order() -> None:
    assert Span(3, 7) == Span(3, 7) and hash(Span(3, 7)) == hash(Span(3, 7))
    assert Span(3, 7) != Span(3, 8) and Span(3, 7) != (3, 7)
    assert len({Span(1, 2), Span(1, 2), Span(2, 3)}) == 2
    assert sorted([Span(5, 6), Span(1, 9), Span(1, 2)]) == [Span(1, 2), Span(1, 9), Span(5, 6)]
    assert Span(1, 2) < Span(1, 3) <= Span(1, 3) < Span(2, 0) and Span(2, 0) > Span(1, 9) >= Span(1, 9)
    with pytest.raises(TypeError):
        _ = Span(1, 2) < (1, 3)  # type: ignore[operator]


def test_span_width_pickle_and_repr() -> None:
    assert len(Span(3, 7)) == 4 and not Span(5, 5) and Span(5, 6)
    assert pickle.loads(pickle.dumps(Span(3, 7), pickle.HIGHEST_PROTOCOL)) == Span(3, 7)
    assert copy.copy(Span(3, 7)) == Span(3, 7) and copy.deepcopy(Span(3, 7)) == Span(3, 7)
    assert repr(Span(3, 7)) == "Span(start=3, end=7)"
    assert Span(3, 7).of("0123456789") == "3456" and Span(3, 7).shift(2) == Span(5, 9)
    assert Span(1, 9).contains(Span(3, 7)) and not Span(3, 7).contains(Span(1, 9))
    assert Span(1, 5).overlaps(Span(4, 6)) and not Span(1, 4).overlaps(Span(4, 6)) and Span(1, 5).overlaps(Span(3, 3))
