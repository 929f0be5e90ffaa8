"""Configuration: ``[tool.listlint]`` in pyproject.toml or a ``.listlint.toml``, the nearest walking up from a file.

Values become immutable records (:class:`~listlint.records.Record`: cheap to define at start-up). Unknown
keys and wrong types are errors naming the file and the key, so a typo never silently turns a rule off. Per-rule
options live under ``[tool.listlint.rules.<rule-name>]`` and are checked against the rule's ``Options`` record (a
Record, a NamedTuple or a dataclass, as a plugin prefers) when the run starts (see :mod:`listlint.registry`).
"""


import dataclasses
import sys
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from listlint.errors import ConfigError
from listlint.records import Record

CONFIG_FILES = (".listlint.toml", "pyproject.toml")


class StatusSettings(Record):
    """``[tool.listlint.status]``: the status-tag vocabulary and where tags go."""
    tags: tuple[str, ...] = ("READ", "UNREAD")
    format: str = "[`{tag}`]"
    position: str = "end"  # "end" or "any"
    required: str = "auto"  # "auto", "always", "never"
    default: str = "UNREAD"
    checkbox_done: str = "READ"  # what a ticked GFM task box counts as
    checkbox_todo: str = "UNREAD"


class HostOverride(Record):
    """``[tool.listlint.links.hosts."host"]``: limits for one host that differ from the defaults."""
    concurrency: int | None = None
    min_interval: float | None = None
    timeout: float | None = None


class LinkSettings(Record):
    """``[tool.listlint.links]``: the network checker's limits, retries, cache and exclusions."""
    enabled: bool = False
    concurrency: int = 32
    per_host: int = 4
    min_interval: float = 0.0
    timeout: float = 10.0
    retries: int = 2
    retry_after_cap: float = 10.0
    max_time: float | None = None
    accept: tuple[int, ...] = ()
    allow_private: bool = False
    user_agent: str = "listlint (+https://pypi.org/project/listlint/)"
    exclude: tuple[str, ...] = ()
    cache: bool = True
    cache_path: str = ".listlint_cache/links.json"
    cache_max_age: float = 86400.0
    blocked_is_error: bool = False
    hosts: Mapping[str, HostOverride] = MappingProxyType({})


class DuplicateSettings(Record):
    """``[tool.listlint.duplicates]``: where a repeat counts as a duplicate, and what is allowed to repeat."""
    scope: str = "file"  # "file", "section" (repeats across sections are allowed) or "project"
    allow: tuple[str, ...] = ()
    cross_listings: bool = True  # LL601: report an entry filed again, same title and link, under another section


class BibtexSettings(Record):
    """``[tool.listlint.bibtex]``: the BibTeX dialect, house style and ``.bib`` files checked too."""
    profile: str = "bibtex"  # "bibtex" or "biblatex"
    title_threshold: float = 0.9
    trailing_comma: str = "auto"  # "auto" (the file's dominant style), "always", "never"
    field_order: tuple[str, ...] = ()  # empty: keep the order as written
    key_pattern: str = "scholar"
    files: tuple[str, ...] = ()  # .bib files checked with the Markdown files, relative to this config file


class TrackingSettings(Record):
    """``[tool.listlint.tracking]``: extra tracking parameters to strip, and hosts whose parameters stay."""
    params: tuple[str, ...] = ()  # extra parameter names (or prefixes ending in "*") to strip
    allow_hosts: tuple[str, ...] = ()


class UrlSettings(Record):
    """``[tool.listlint.urls]``: URL facts the rules cannot know by themselves."""
    https_hosts: tuple[str, ...] = ()  # extra hosts known to serve HTTPS (LL407)


class Config(Record):
    """The settings of one configuration file (or the defaults), after validation."""
    path: str | None = None  # the file this came from, None for defaults
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    layout: str = "auto"  # "auto", "list", "heading", "citation"
    max_file_size: int = 20 * 1024 * 1024
    exclude: tuple[str, ...] = ()
    strict: bool = False
    status: StatusSettings = StatusSettings()
    links: LinkSettings = LinkSettings()
    duplicates: DuplicateSettings = DuplicateSettings()
    bibtex: BibtexSettings = BibtexSettings()
    tracking: TrackingSettings = TrackingSettings()
    urls: UrlSettings = UrlSettings()
    rules: Mapping[str, dict[str, Any]] = MappingProxyType({})  # rule name -> raw options

    def replace(self, **changes: Any) -> "Config":
        return self._replace(**changes)


DEFAULT = Config()


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def convert(value: Any, tp: Any, path: str, key: str) -> Any:
    """Check ``value`` against the annotation ``tp`` and convert lists to tuples; errors name ``key``."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return convert(value, arg, path, key)
            except ConfigError as exc:
                errors.append(exc)
        raise errors[0] if errors else ConfigError(path, key, "must not be empty")
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(path, key, f"expected a list, got {type(value).__name__} {value!r}")
        item = args[0] if args else Any
        return tuple(convert(v, item, path, f"{key}[{i}]") for i, v in enumerate(value))
    if origin in (dict, Mapping):
        if not isinstance(value, dict):
            raise ConfigError(path, key, f"expected a table, got {type(value).__name__}")
        return {k: convert(v, args[1], path, f"{key}.{k}") for k, v in value.items()}
    if tp is Any:
        return value
    if _is_record(tp):
        if not isinstance(value, dict):
            raise ConfigError(path, key, f"expected a table, got {type(value).__name__}")
        return build_record(tp, value, path, key)
    if tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif isinstance(tp, type) and isinstance(value, tp):
        return value
    raise ConfigError(path, key, f"expected {_type_name(tp)}, got {type(value).__name__} {value!r}")


def _is_record(tp: Any) -> bool:
    """A dataclass, a NamedTuple or a Record class: a table of settings."""
    return isinstance(tp, type) and (dataclasses.is_dataclass(tp) or (issubclass(tp, tuple) and hasattr(tp, "_fields")))


def _field_names(cls: Any) -> list[str]:
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls) if f.init]
    return list(cls._fields)


def build_record(cls: Any, table: dict[str, Any], path: str, prefix: str = "") -> Any:
    """Instantiate ``cls`` (a dataclass, a NamedTuple or a Record) from a TOML table; unknown keys and wrong types raise
    ConfigError."""
    if not table:
        return cls()  # most rules have no table: skip resolving the annotations (~0.1 ms a class)
    hints = typing.get_type_hints(cls)
    names = {name for name in _field_names(cls) if name != "path"}
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        name = raw_key.replace("-", "_")
        key = f"{prefix}.{raw_key}" if prefix else raw_key
        if name not in names:
            known = ", ".join(sorted(n.replace("_", "-") for n in names))
            raise ConfigError(path, key, f"unknown key (known: {known})")
        values[name] = convert(value, hints[name], path, key)
    return cls(**values)


def _check_choices(config: Config) -> None:
    choices = {
        "layout": (config.layout, ("auto", "list", "heading", "citation")),
        "status.position": (config.status.position, ("end", "any")),
        "status.required": (config.status.required, ("auto", "always", "never")),
        "duplicates.scope": (config.duplicates.scope, ("file", "section", "project")),
        "bibtex.profile": (config.bibtex.profile, ("bibtex", "biblatex")),
        "bibtex.trailing-comma": (config.bibtex.trailing_comma, ("auto", "always", "never")),
    }
    for key, (value, allowed) in choices.items():
        if value not in allowed:
            raise ConfigError(config.path or "<config>", key, f"must be one of {', '.join(allowed)}, got {value!r}")
    if "{tag}" not in config.status.format:
        raise ConfigError(config.path or "<config>", "status.format", "must contain {tag}")
    # a tag the parser could never find would be counted by `stats` and reported missing (LL301) on every entry
    # that carries it (imported here: the parser package imports this module)
    from listlint.parser.status import unwritable

    for index, tag in enumerate(config.status.tags):
        if (why := unwritable(tag)) is not None:
            raise ConfigError(config.path or "<config>", f"status.tags[{index}]", f"{tag!r} {why}")
    if (why := unwritable(config.status.default)) is not None:
        raise ConfigError(config.path or "<config>", "status.default", f"{config.status.default!r} {why}")


def from_table(table: dict[str, Any], path: str) -> Config:
    config: Config = build_record(Config, table, path)
    config = config.replace(path=path, status=_fit_vocabulary(config.status, table.get("status", {})))
    _check_choices(config)
    return config


def _fit_vocabulary(status: StatusSettings, written: dict[str, Any]) -> StatusSettings:
    """A vocabulary of one's own (``tags = ["DONE", "TODO"]``) without "READ" and "UNREAD": the settings left at
    those defaults take its first tag as done (a ticked box, the share read) and its last as to-do (an open box, the
    tag LL301 adds), so that ``stats`` does not count a READ no entry can carry."""
    if "tags" not in written or not status.tags:
        return status
    names = {tag.casefold() for tag in status.tags}
    changes = {}
    first, last = status.tags[0], status.tags[-1]
    for key, default, fitted in (("checkbox-done", "READ", first), ("checkbox-todo", "UNREAD", last),
                                 ("default", "UNREAD", last)):
        attribute = key.replace("-", "_")
        if key not in written and attribute not in written and getattr(status, attribute) == default \
                and default.casefold() not in names:
            changes[attribute] = fitted
    return status._replace(**changes) if changes else status


def load_file(path: Path) -> Config | None:
    """The listlint configuration in ``path``, or None when a pyproject.toml has no [tool.listlint]."""
    # imported here: most runs read no configuration file, and the import costs every run ~8 ms of start-up
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), None, f"invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("listlint")
        if table is None:
            return None
        return from_table(table, str(path))
    return from_table(data, str(path))


def find_config_file(start: Path) -> Path | None:
    """The nearest ``.listlint.toml`` or ``pyproject.toml`` with ``[tool.listlint]`` at or above ``start``."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if candidate.is_file():
                if name == "pyproject.toml" and b"[tool.listlint" not in candidate.read_bytes():
                    continue
                return candidate
    return None


class ConfigResolver:
    """Finds and caches the configuration for each file of a run; an explicit ``--config`` wins."""

    def __init__(self, explicit: Path | None = None, overrides: dict[str, Any] | None = None) -> None:
        self._explicit = load_file(explicit) or DEFAULT if explicit else None
        self._overrides = overrides or {}
        self._cache: dict[Path | None, Config] = {}

    def for_path(self, path: Path | None) -> Config:
        if self._explicit is not None:
            return self._apply(self._explicit)
        found = find_config_file(path if path is not None else Path.cwd())
        if found not in self._cache:
            base = (load_file(found) if found else None) or DEFAULT
            self._cache[found] = self._apply(base)
        return self._cache[found]

    def _apply(self, config: Config) -> Config:
        return config.replace(**self._overrides) if self._overrides else config
