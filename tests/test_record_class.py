"""listlint.records.Record behaves as typing.NamedTuple does: each check runs on both, side by side."""

from __future__ import annotations

import copy
import pickle
import typing
from typing import NamedTuple

import pytest

from listlint.records import Record


class Pair(Record):
    """A record with a default, a method and a property."""

    left: int
    right: str = "r"

    def joined(self) -> str:
        return f"{self.left}{self.right}"

    @property
    def doubled(self) -> int:
        return self.left * 2


class PairNT(NamedTuple):
    left: int
    right: str = "r"

    def joined(self) -> str:
        return f"{self.left}{self.right}"

    @property
    def doubled(self) -> int:
        return self.left * 2


class Empty(Record):
    """No fields."""


class Wide(Record):
    a: int
    b: int
    c: int
    d: int
    e: int
    f: int
    g: int
    h: int
    i: int
    j: int
    k: int
    l: int  # noqa: E741
    m: int = 13


@pytest.mark.parametrize("cls", [Pair, PairNT])
def test_a_record_is_the_tuple_namedtuple_makes(cls: type) -> None:
    one = cls(1)
    assert one == cls(left=1, right="r") == (1, "r") and hash(one) == hash((1, "r"))
    assert cls(1) < cls(2) and sorted([cls(2), cls(1, "a")]) == [(1, "a"), (2, "r")]
    left, right = one
    assert (left, right, one[0], one[-1], len(one)) == (1, "r", 1, "r", 2)
    assert one.left == 1 and one.right == "r" and one.joined() == "1r" and one.doubled == 2
    assert type(one).__bases__ == (tuple,) and isinstance(one, tuple)
    assert cls._fields == ("left", "right") and cls._field_defaults == {"right": "r"}
    assert cls.__match_args__ == ("left", "right")
    assert one._replace(right="x") == (1, "x") and type(one._replace(right="x")) is cls
    assert one._asdict() == {"left": 1, "right": "r"}
    assert cls._make([3, "z"]) == (3, "z") and type(cls._make([3, "z"])) is cls
    assert repr(one) == f"{cls.__name__}(left=1, right='r')"
    assert typing.get_type_hints(cls) == {"left": int, "right": str}


@pytest.mark.parametrize("cls", [Pair, PairNT])
def test_a_record_refuses_what_namedtuple_refuses(cls: type) -> None:
    with pytest.raises(TypeError, match="left"):
        cls()
    with pytest.raises(TypeError):
        cls(1, "r", 3)
    with pytest.raises(TypeError):
        cls(1, nope=2)
    with pytest.raises(AttributeError):
        cls(1).left = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        cls(1).other = 2  # type: ignore[attr-defined]  # no __dict__
    with pytest.raises(ValueError, match="nope"):
        cls(1)._replace(nope=2)
    with pytest.raises(TypeError):
        cls._make([1])


@pytest.mark.parametrize("cls", [Pair, PairNT])
def test_a_record_pickles_and_copies(cls: type) -> None:
    one = cls(1, "x")
    for back in (pickle.loads(pickle.dumps(one, protocol)) for protocol in range(pickle.HIGHEST_PROTOCOL + 1)):
        assert back == one and type(back) is cls
    assert copy.copy(one) == one and copy.deepcopy(one) == one and type(copy.deepcopy(one)) is cls


def test_records_of_any_width() -> None:
    assert Empty() == () and repr(Empty()) == "Empty()" and Empty._fields == ()
    wide = Wide(*range(1, 13))
    assert wide.a == 1 and wide.l == 12 and wide.m == 13 and wide._replace(m=0)[-1] == 0
    assert Wide.__new__.__code__.co_varnames[:3] == ("_cls", "a", "b")  # keyword calls name the fields
    assert Wide(**{name: 0 for name in "abcdefghijkl"}) == (0,) * 12 + (13,)
    # wider than the written-out constructors (17 fields): compiled for it
    names = [f"f{n}" for n in range(20)]
    widest = type(Record)("Widest", (Record,), {"__annotations__": dict.fromkeys(names, int), "f19": -1})
    assert widest(*range(19)) == (*range(19), -1) and widest(*range(19))._replace(f0=5)[0] == 5
    assert widest.__new__.__code__.co_varnames == ("_cls", *names)


def test_a_class_of_its_own_keeps_its_docstring_and_repr() -> None:
    class Shown(Record):
        """Documented."""

        x: int

        def __repr__(self) -> str:
            return f"<{self.x}>"

    class Plain(Record):
        x: int

    assert Shown.__doc__ == "Documented." and repr(Shown(1)) == "<1>"
    assert Plain.__doc__ == "Plain(x)" and Plain.__qualname__.endswith("Plain")


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="'b' without a default"):
        class Bad(Record):
            a: int = 0
            b: int


def test_underscore_fields_and_other_bases_are_refused() -> None:
    with pytest.raises(TypeError, match="underscore"):
        class Hidden(Record):
            _a: int
    with pytest.raises(TypeError, match="Record alone"):
        class Mixed(Record, dict):  # type: ignore[misc]
            a: int
