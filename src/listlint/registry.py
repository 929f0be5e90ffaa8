"""Which rules exist (built-ins plus the ``listlint.rules`` entry-point group) and which are selected.

Built once per run and passed around; nothing is registered at import time. Selectors are codes (``LL101``),
prefixes (``LL1``, ``LL``), rule names (``heading-increment``) or ``ALL``; the most specific selector wins, and
on a tie ``ignore`` beats ``select``. A prefix or ``ALL`` turns on only rules that are on by default; naming a rule
by code or name turns it on even when it is off by default.
"""


import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from listlint.errors import ConfigError, PluginError
from listlint.records import Record
from listlint.regex import lazy
from listlint.rules.base import Rule

ENTRY_POINT_GROUP = "listlint.rules"
CODE = lazy(r"^[A-Z]{1,5}\d{3}$")
NAME = lazy(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
NETWORK_CATEGORY = "links-network"


def builtin_rules() -> tuple[type[Rule], ...]:
    from listlint.rules import BUILTIN_RULES

    return BUILTIN_RULES


def _as_rules(obj: Any) -> list[type[Rule]]:
    if isinstance(obj, type) and issubclass(obj, Rule):
        return [obj]
    rules = getattr(obj, "RULES", obj)
    if isinstance(rules, (list, tuple)) and all(isinstance(r, type) and issubclass(r, Rule) for r in rules):
        return list(rules)
    raise TypeError("expected a Rule subclass, a sequence of them, or a module with RULES")


def _any_plugin_installed() -> bool:
    """A quick look for ``[listlint.rules]`` in installed distributions' entry_points.txt.

    importlib.metadata costs tens of milliseconds to import and scan on every run; most runs have no plugin, so
    it is consulted only when some distribution declares the group.
    """
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8") as handle:
                        if "[" + ENTRY_POINT_GROUP + "]" in handle.read():
                            return True
                except OSError:
                    continue
    return False


def plugin_rules() -> list[tuple[str, type[Rule]]]:
    """(plugin name, rule) for every rule of every installed plugin; a broken plugin raises PluginError."""
    found: list[tuple[str, type[Rule]]] = []
    if not _any_plugin_installed():
        return found
    from importlib import metadata

    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            rules = _as_rules(ep.load())
        except Exception as exc:  # noqa: BLE001 - a plugin may raise anything at import
            raise PluginError(f"plugin {ep.name!r} ({ep.value}) could not be loaded: {exc}") from None
        for rule in rules:
            if not str(getattr(rule, "code", "")).startswith(ep.name):
                raise PluginError(f"plugin {ep.name!r}: rule {getattr(rule, 'code', rule)!r} does not start with the "
                                  f"plugin's code prefix {ep.name!r}")
            found.append((ep.name, rule))
    return found


def validate(rules: Iterable[tuple[str, type[Rule]]]) -> tuple[type[Rule], ...]:
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    out = []
    for origin, rule in rules:
        code = getattr(rule, "code", None)
        name = getattr(rule, "name", None)
        if not isinstance(code, str) or not CODE.match(code):
            raise PluginError(f"{origin}: rule {rule.__name__} has an invalid code {code!r} (expected like LL123)")
        if not isinstance(name, str) or not NAME.match(name):
            raise PluginError(f"{origin}: rule {code} has an invalid name {name!r} (expected kebab-case)")
        if code in codes:
            raise PluginError(f"{origin}: rule code {code} is already used by {codes[code]}")
        if name in names:
            raise PluginError(f"{origin}: rule name {name!r} is already used by {names[name]}")
        codes[code] = names[name] = origin
        out.append(rule)
    return tuple(out)


class Registry(Record):
    """The built-in rules and the plugins' rules, validated together."""
    rules: tuple[type[Rule], ...]

    @classmethod
    def load(cls, *, plugins: bool = True) -> "Registry":
        entries = [("listlint", rule) for rule in builtin_rules()]
        if plugins:
            entries.extend(plugin_rules())
        return cls(validate(entries))

    def by_code(self) -> dict[str, type[Rule]]:
        return {rule.code: rule for rule in self.rules}

    def find(self, key: str) -> type[Rule] | None:
        for rule in self.rules:
            if key.upper() == rule.code or key.lower() == rule.name:
                return rule
        return None

    def unknown_selectors(self, selectors: Iterable[str]) -> list[str]:
        """The selectors that match no rule (a typo, or a plugin's code when the plugin is not installed)."""
        return [s for s in selectors if not any(_specificity(s, rule) >= 0 for rule in self.rules)]

    def check_selectors(self, selectors: Iterable[str], where: str, key: str) -> None:
        for selector in self.unknown_selectors(selectors)[:1]:
            raise ConfigError(where, key, f"unknown rule or prefix {selector!r}")

    def select(
        self,
        select: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        *,
        links: bool = False,
    ) -> tuple[type[Rule], ...]:
        chosen = []
        for rule in self.rules:
            best_spec, best_on = -2, False
            if not select:
                best_spec, best_on = -1, rule.default_enabled
            for selector in (*select, *extend_select):
                spec = _specificity(selector, rule)
                if spec < 0:
                    continue
                exact = spec >= 100
                on = exact or rule.default_enabled or (links and rule.category == NETWORK_CATEGORY)
                if spec > best_spec:
                    best_spec, best_on = spec, on
            for selector in ignore:
                spec = _specificity(selector, rule)
                if spec >= 0 and spec >= best_spec:
                    best_spec, best_on = spec, False
            if links and rule.category == NETWORK_CATEGORY and best_spec < 100 and not any(
                _specificity(s, rule) >= 0 for s in ignore
            ):
                best_on = True
            if best_on:
                chosen.append(rule)
        return tuple(chosen)


def _specificity(selector: str, rule: type[Rule]) -> int:
    """-1 when ``selector`` does not match ``rule``; higher is more specific (100 for an exact code or name)."""
    if selector.upper() == "ALL":
        return 0
    if selector.lower() == rule.name or selector.upper() == rule.code:
        return 100
    upper = selector.upper()
    if re.match(r"^[A-Z]+\d{0,2}$", upper) and rule.code.startswith(upper):
        return len(upper)
    return -1
