"""``Record``: immutable records, the tuples with named fields that ``typing.NamedTuple`` makes, made faster.

listlint declares ~70 record classes (the entry AST, settings, rule options, working state), and every run creates
them all at start-up, pre-commit hooks included. ``typing.NamedTuple`` compiles a ``__new__`` for each class
(``eval`` of its source) and checks each annotation: ~0.08 ms a class, about 6 ms of a 10 KB check's 0.1 s. A
``Record`` compiles ``__new__`` once per number of fields, and each class gets a copy of that code with its own
parameter names (``CodeType.replace``, no compiler); annotations are kept, not read. A class costs a fifth.

A subclass is what ``class X(NamedTuple)`` would make: a plain ``tuple`` subclass (equality, hashing, ordering,
unpacking, indexing), fields read by name, defaults, methods and properties of its own, ``_fields``,
``_field_defaults``, ``_make``, ``_replace``, ``_asdict``, ``__match_args__``, a ``X(a=1, b=2)`` repr, pickling and
``typing.get_type_hints``. As with NamedTuple, ``isinstance(x, Record)`` is false: a record is only a tuple. Type
checkers are shown ``typing.NamedTuple`` itself.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any

try:
    from _collections import _tuplegetter  # CPython's field reader, which namedtuple uses too
except ImportError:  # another implementation: a property does the same, more slowly
    from operator import itemgetter

    def _tuplegetter(index: int, doc: str) -> Any:  # type: ignore[no-redef]
        return property(itemgetter(index), doc=doc)


# ``__new__`` for records of up to 17 fields, written out rather than compiled at start-up (compiling one per field
# count cost 1 % of a 10 KB check); each record's copy takes its field names (``CodeType.replace``). A wider record
# compiles its own.
_tuple_new = tuple.__new__


def _new0(_cls):
    return _tuple_new(_cls, ())


def _new1(_cls, a):
    return _tuple_new(_cls, (a,))


def _new2(_cls, a, b):
    return _tuple_new(_cls, (a, b))


def _new3(_cls, a, b, c):
    return _tuple_new(_cls, (a, b, c))


def _new4(_cls, a, b, c, d):
    return _tuple_new(_cls, (a, b, c, d))


def _new5(_cls, a, b, c, d, e):
    return _tuple_new(_cls, (a, b, c, d, e))


def _new6(_cls, a, b, c, d, e, f):
    return _tuple_new(_cls, (a, b, c, d, e, f))


def _new7(_cls, a, b, c, d, e, f, g):
    return _tuple_new(_cls, (a, b, c, d, e, f, g))


def _new8(_cls, a, b, c, d, e, f, g, h):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h))


def _new9(_cls, a, b, c, d, e, f, g, h, i):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h, i))


def _new10(_cls, a, b, c, d, e, f, g, h, i, j):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j))


def _new11(_cls, a, b, c, d, e, f, g, h, i, j, k):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k))


def _new12(_cls, a, b, c, d, e, f, g, h, i, j, k, l):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, l))


def _new13(_cls, a, b, c, d, e, f, g, h, i, j, k, l, m):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, l, m))


def _new14(_cls, a, b, c, d, e, f, g, h, i, j, k, l, m, n):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, l, m, n))


def _new15(_cls, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o))


def _new16(_cls, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p))


def _new17(_cls, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q):
    return _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q))


_NEW_CODE: dict[int, CodeType] = {template.__code__.co_argcount - 1: template.__code__ for template in (
    _new0, _new1, _new2, _new3, _new4, _new5, _new6, _new7, _new8, _new9, _new10, _new11, _new12, _new13, _new14,
    _new15, _new16, _new17)}


def _new_code(count: int) -> CodeType:
    """The code of ``def __new__(_cls, _0, _1, ...): return tuple.__new__(_cls, (_0, _1, ...))`` for ``count``
    fields; its parameters are renamed per class."""
    code = _NEW_CODE.get(count)
    if code is None:
        params = ", ".join(f"_{i}" for i in range(count))
        namespace: dict[str, Any] = {}
        exec(f"def __new__(_cls, {params}): return _tuple_new(_cls, ({params},))", {"_tuple_new": _tuple_new},
             namespace)
        code = _NEW_CODE[count] = namespace["__new__"].__code__
    return code


def _annotations(namespace: dict[str, Any]) -> dict[str, Any]:
    """The class body's annotations, in order: ``__annotations__`` up to Python 3.13, an ``__annotate__``
    function from 3.14 (PEP 649), read without evaluating names it cannot resolve."""
    if "__annotations__" in namespace:
        return dict(namespace["__annotations__"])
    try:
        import annotationlib  # type: ignore[import-not-found]  # Python 3.14+
    except ImportError:
        return {}
    annotate = annotationlib.get_annotate_from_class_namespace(namespace)
    if annotate is None:
        return {}
    return dict(annotationlib.call_annotate_function(annotate, annotationlib.Format.FORWARDREF))


def _make_record(name: str, namespace: dict[str, Any]) -> type:
    fields = tuple(_annotations(namespace))
    defaults: dict[str, Any] = {}
    for field in fields:
        if field.startswith("_"):
            raise TypeError(f"{name}: field names cannot start with an underscore: {field!r}")
        if field in namespace:
            defaults[field] = namespace[field]
        elif defaults:
            raise TypeError(f"{name}: field {field!r} without a default follows field(s) with one "
                            f"({', '.join(defaults)})")
    code = _new_code(len(fields)).replace(co_varnames=("_cls", *fields), co_name="__new__")
    if sys.version_info >= (3, 11):
        code = code.replace(co_qualname=f"{namespace.get('__qualname__', name)}.__new__")
    new = FunctionType(code, {"_tuple_new": _tuple_new}, "__new__", tuple(defaults.values()) or None)
    body = {key: value for key, value in namespace.items() if key not in fields}
    body.setdefault("__doc__", f"{name}({', '.join(fields)})")
    body.update(
        __slots__=(),
        __new__=new,
        _fields=fields,
        _field_defaults=defaults,
        __match_args__=fields,
        _make=classmethod(_make),
        _replace=_replace,
        _asdict=_asdict,
        __getnewargs__=_getnewargs,
    )
    body.setdefault("__repr__", _repr)
    for index, field in enumerate(fields):
        body[field] = _tuplegetter(index, f"Field {index}: {field}")
    return type(name, (tuple,), body)


def _make(cls: type, iterable: Iterable[Any]) -> Any:
    """A record of ``cls`` from the values in ``iterable``, one per field."""
    record = tuple.__new__(cls, iterable)
    fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    if len(record) != len(fields):
        raise TypeError(f"{cls.__name__}: expected {len(fields)} values, got {len(record)}")
    return record


def _replace(self: Any, /, **changes: Any) -> Any:
    """A copy with the named fields changed."""
    record = self._make([changes.pop(field, value) for field, value in zip(self._fields, self)])
    if changes:
        raise ValueError(f"{type(self).__name__} has no field(s) {', '.join(map(repr, changes))}")
    return record


def _asdict(self: Any) -> dict[str, Any]:
    return dict(zip(self._fields, self))


def _getnewargs(self: Any) -> tuple[Any, ...]:
    return tuple(self)  # pickle and copy call ``__new__(cls, *these)``, not tuple's ``__new__(cls, iterable)``


def _repr(self: Any) -> str:
    return f"{type(self).__name__}({', '.join(f'{f}={v!r}' for f, v in zip(self._fields, self))})"


class _RecordType(type):
    """Makes each subclass of ``Record`` a plain tuple subclass, as ``typing.NamedTuple``'s metaclass does."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if not bases:  # Record itself
            return super().__new__(mcls, name, bases, namespace)
        if bases != (Record,):
            raise TypeError(f"{name}: a record derives from Record alone")
        return _make_record(name, namespace)


if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:

    class Record(metaclass=_RecordType):
        """Derive from this as from ``typing.NamedTuple``: ``class Span(Record): start: int; end: int = 0``."""
