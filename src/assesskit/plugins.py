"""Plugin discovery and the registry of schemes and rule kinds.

Plugins are found through the ``assesskit`` entry-point group and loaded
lazily, the first time a scheme is looked up. ``ASSESSKIT_LOAD_PLUGINS``
(comma-separated entry-point names; empty for none) restricts which plugins
load; ``ASSESSKIT_DISABLE_PLUGINS`` lists plugins to skip. A plugin that fails
to import, raises in a hook or registers an invalid scheme is reported with a
:class:`PluginWarning` and skipped; everything else keeps working.
"""

from __future__ import annotations

import difflib
import importlib.metadata
import os
import threading
import warnings
from collections.abc import Callable
from typing import Any

import attrs
import pluggy

from assesskit import _builtins, hookspecs
from assesskit.errors import AssesskitError, SchemeDefinitionError
from assesskit.rules.base import Rule
from assesskit.scheme import Scheme

__all__ = [
    "ENTRY_POINT_GROUP",
    "DuplicateSchemeError",
    "FailedScheme",
    "PluginWarning",
    "RegisteredScheme",
    "Registry",
    "UnknownSchemeError",
    "get_registry",
    "get_scheme",
    "list_schemes",
    "pm",
    "reset",
    "rule_kinds",
]

ENTRY_POINT_GROUP = "assesskit"
LOAD_ENV = "ASSESSKIT_LOAD_PLUGINS"
DISABLE_ENV = "ASSESSKIT_DISABLE_PLUGINS"
BUILTIN_NAME = "assesskit.builtins"

pm = pluggy.PluginManager("assesskit")
pm.add_hookspecs(hookspecs)


class PluginWarning(UserWarning):
    """A plugin could not be loaded, or one of its contributions was skipped."""


class UnknownSchemeError(AssesskitError, LookupError):
    """No scheme has this id; the message suggests close ids."""

    def __init__(self, scheme_id: str, known: list[str]) -> None:
        self.scheme_id = scheme_id
        self.suggestions = difflib.get_close_matches(scheme_id, known, n=3, cutoff=0.5)
        close = " or ".join(map(repr, self.suggestions))
        hint = f"; did you mean {close}?" if self.suggestions else ""
        listing = "" if hint else " (run `assesskit schemes` to list them)"
        super().__init__(f"unknown scheme {scheme_id!r}{hint}{listing}")


class DuplicateSchemeError(AssesskitError, LookupError):
    """Two plugins registered the same scheme id, so the id is unavailable."""

    def __init__(self, scheme_id: str, plugins: list[str]) -> None:
        self.scheme_id = scheme_id
        self.plugins = plugins
        names = " and ".join(repr(p) for p in plugins)
        super().__init__(
            f"scheme {scheme_id!r} is registered by both {names}, so it is unavailable; "
            f"disable one, e.g. {DISABLE_ENV}={plugins[-1]}"
        )


@attrs.frozen
class FailedScheme:
    """A scheme a plugin registered but that failed to define: its id, plugin and problems."""

    scheme_id: str
    plugin: str
    problems: tuple[str, ...]


@attrs.frozen
class RegisteredScheme:
    """A scheme and the plugin that registered it."""

    scheme: Scheme
    plugin: str

    @property
    def id(self) -> str:
        """The scheme id."""
        return self.scheme.id


def _split_env(name: str) -> set[str] | None:
    raw = os.environ.get(name)
    if raw is None:
        return None
    return {p.strip() for p in raw.split(",") if p.strip()}


class Registry:
    """Schemes and rule kinds collected from the plugins registered with *manager*."""

    def __init__(self, manager: pluggy.PluginManager) -> None:
        self.manager = manager
        self._schemes: dict[str, RegisteredScheme] = {}
        self._clashes: dict[str, list[str]] = {}
        self._failed: dict[str, FailedScheme] = {}
        self._rule_kinds: dict[str, tuple[type[Rule], str]] = {}
        self._schemes_loaded = False
        self._kinds_loaded = False

    # -- schemes -----------------------------------------------------------------

    def _load_schemes(self) -> None:
        if self._schemes_loaded:
            return
        self._schemes_loaded = True
        found: dict[str, list[RegisteredScheme]] = {}
        for impl in self.manager.hook.assesskit_register_schemes.get_hookimpls():
            plugin = impl.plugin_name

            def register(item: Any, plugin: str = plugin) -> None:
                try:
                    scheme = item() if callable(item) and not isinstance(item, Scheme) else item
                    if not isinstance(scheme, Scheme):
                        raise TypeError(f"registered {type(scheme).__name__}, not a Scheme")
                except Exception as exc:
                    _warn(f"plugin {plugin!r}: a scheme could not be registered: {exc}")
                    if isinstance(exc, SchemeDefinitionError):
                        failed = FailedScheme(exc.scheme_id, plugin, exc.problems)
                        self._failed[exc.scheme_id] = failed
                    return
                found.setdefault(scheme.id, []).append(RegisteredScheme(scheme, plugin))

            try:
                impl.function(register=register)
            except Exception as exc:
                _warn(f"plugin {plugin!r} failed in assesskit_register_schemes: {exc}; skipped")
                for entries in found.values():
                    entries[:] = [e for e in entries if e.plugin != plugin]
        for scheme_id, entries in found.items():
            if len(entries) == 1:
                self._schemes[scheme_id] = entries[0]
            elif len(entries) > 1:
                self._clashes[scheme_id] = [e.plugin for e in entries]
                _warn(str(DuplicateSchemeError(scheme_id, self._clashes[scheme_id])))

    def get(self, scheme_id: str) -> RegisteredScheme:
        """The registered scheme *scheme_id*; raises Unknown/DuplicateSchemeError."""
        self._load_schemes()
        if scheme_id in self._clashes:
            raise DuplicateSchemeError(scheme_id, self._clashes[scheme_id])
        entry = self._schemes.get(scheme_id)
        if entry is None:
            raise UnknownSchemeError(scheme_id, sorted(self._schemes))
        return entry

    def schemes(self) -> list[RegisteredScheme]:
        """Every available scheme, sorted by id (clashing ids excluded)."""
        self._load_schemes()
        return [self._schemes[k] for k in sorted(self._schemes)]

    def failed(self) -> dict[str, FailedScheme]:
        """Schemes that failed to define (:class:`SchemeDefinitionError`), by id."""
        self._load_schemes()
        return dict(self._failed)

    def clashes(self) -> dict[str, list[str]]:
        """Scheme ids registered by more than one plugin, with the plugins."""
        self._load_schemes()
        return dict(self._clashes)

    # -- rule kinds --------------------------------------------------------------

    def rule_kinds(self) -> dict[str, type[Rule]]:
        """Every registered rule kind by its ``kind`` name."""
        if not self._kinds_loaded:
            self._kinds_loaded = True
            for impl in self.manager.hook.assesskit_register_rule_kinds.get_hookimpls():
                plugin = impl.plugin_name

                def register(cls: Any, plugin: str = plugin) -> None:
                    if not (isinstance(cls, type) and issubclass(cls, Rule)):
                        _warn(f"plugin {plugin!r}: {cls!r} is not a Rule subclass; skipped")
                        return
                    taken = self._rule_kinds.get(cls.kind)
                    if taken is not None and taken[0] is not cls:
                        _warn(
                            f"plugin {plugin!r}: rule kind {cls.kind!r} is already registered "
                            f"by {taken[1]!r}; skipped"
                        )
                        return
                    self._rule_kinds[cls.kind] = (cls, plugin)

                try:
                    impl.function(register=register)
                except Exception as exc:
                    _warn(
                        f"plugin {plugin!r} failed in assesskit_register_rule_kinds: {exc}; skipped"
                    )
        return {k: v[0] for k, v in sorted(self._rule_kinds.items())}


def _warn(message: str) -> None:
    warnings.warn(message, PluginWarning, stacklevel=3)


_lock = threading.Lock()
_registry: Registry | None = None
_entry_points_loaded = False


def load_entry_points(manager: pluggy.PluginManager = pm) -> None:
    """Register the built-in plugin and every allowed entry-point plugin with *manager*."""
    allowed = _split_env(LOAD_ENV)
    disabled = _split_env(DISABLE_ENV) or set()
    if manager.get_plugin(BUILTIN_NAME) is None:
        manager.register(_builtins, name=BUILTIN_NAME)
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        name = entry_point.name
        if (allowed is not None and name not in allowed) or name in disabled:
            continue
        if manager.get_plugin(name) is not None or manager.is_blocked(name):
            continue
        try:
            module = entry_point.load()
            manager.register(module, name=name)
        except Exception as exc:
            _warn(f"plugin {name!r} could not be loaded: {type(exc).__name__}: {exc}; skipped")


def get_registry() -> Registry:
    """The process-wide registry, loading plugins on first use."""
    global _registry, _entry_points_loaded
    with _lock:
        if not _entry_points_loaded:
            _entry_points_loaded = True
            load_entry_points(pm)
        if _registry is None:
            _registry = Registry(pm)
        return _registry


def reset() -> None:
    """Forget collected schemes and rule kinds (after registering or unregistering a plugin)."""
    global _registry
    with _lock:
        _registry = None


def get_scheme(scheme_id: str, /, **params: Any) -> Scheme:
    """The scheme *scheme_id*, configured with *params* (validated).

    >>> get_scheme("no.such-scheme")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    assesskit.plugins.UnknownSchemeError: unknown scheme 'no.such-scheme' (run `assesskit ...
    """
    scheme = get_registry().get(scheme_id).scheme
    return scheme.with_params(params) if params else scheme


def list_schemes() -> list[RegisteredScheme]:
    """Every available scheme with the plugin that registered it, sorted by id."""
    return get_registry().schemes()


def rule_kinds() -> dict[str, type[Rule]]:
    """Every registered rule kind by name (built-in and from plugins)."""
    return get_registry().rule_kinds()


def plugin_names() -> list[str]:
    """Names of the plugins registered, the built-in one included."""
    get_registry()
    return sorted(name for name, _ in pm.list_name_plugin())


Callback = Callable[..., None]
