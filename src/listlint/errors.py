"""The exception hierarchy. Every error a user can cause derives from ListlintError and names the file.

    ListlintError
    ├── InputError     a path that cannot be read as a UTF-8 Markdown file (missing, binary, invalid UTF-8, too big)
    ├── ConfigError    an invalid configuration file or value (names the file and the key)
    ├── PluginError    a third-party rule that cannot be loaded or is invalid (names the plugin)
    ├── RuleError      a rule that raised while checking (names the rule and the file)
    └── FixError       a fix that would lose entries or does not converge (the file is left untouched)
"""

from __future__ import annotations


class ListlintError(Exception):
    """Base class: ``str(error)`` is the one-line message printed to the user."""


class InputError(ListlintError):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class ConfigError(ListlintError):
    def __init__(self, path: str, key: str | None, message: str) -> None:
        where = f"{path}: {key}: " if key else f"{path}: "
        super().__init__(where + message)
        self.path = path
        self.key = key


class PluginError(ListlintError):
    pass


class RuleError(ListlintError):
    pass


class FixError(ListlintError):
    pass
