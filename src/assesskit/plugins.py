"""Plugin discovery and the registry of schemes and rule kinds.

Plugins are found through the ``assesskit`` entry-point group and loaded
lazily, the first time a scheme is looked up. ``ASSESSKIT_LOAD_PLUGINS``
(comma-separated entry-point names; empty for none) restricts which plugins
load; ``ASSESSKIT_DISABLE_PLUGINS`` lists plugins to skip.

Plugin code cannot take the rest down with it: importing a plugin, calling
its hooks and building its schemes each run under
:func:`~assesskit._isolation.run_plugin_code`, so an exception, a
``sys.exit`` or a hang (past ``ASSESSKIT_PLUGIN_TIMEOUT`` seconds, default
30) is reported with a :class:`PluginWarning` naming the plugin, and
everything else keeps working. A scheme registered with its id (and title)
is built only when it is used, so a broken factory affects that scheme
alone: using it raises :class:`SchemeUnavailableError` naming the plugin.
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
from assesskit._isolation import PluginCodeFailed, run_plugin_code, safe_text
from assesskit.errors import AssesskitError, InputTypeError, SchemeDefinitionError
from assesskit.periods import PeriodKind
from assesskit.rules.base import Rule
from assesskit.scheme import Scheme
from assesskit.text import Text

__all__ = [
    "ENTRY_POINT_GROUP",
    "DuplicateSchemeError",
    "FailedScheme",
    "PluginWarning",
    "RegisteredScheme",
    "Registry",
    "SchemeUnavailableError",
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


class SchemeUnavailableError(AssesskitError, LookupError):
    """A registered scheme could not be built: its factory raised, exited or hung.

    ``plugin`` names the plugin; ``reason`` says what went wrong, and
    ``problems`` lists it (for an invalid definition, every problem of it).
    """

    def __init__(
        self, scheme_id: str, plugin: str, reason: str, problems: tuple[str, ...] = ()
    ) -> None:
        self.scheme_id = scheme_id
        self.plugin = plugin
        self.reason = reason
        self.problems = problems or (reason,)
        super().__init__(f"scheme {scheme_id!r} of plugin {plugin!r} could not be built: {reason}")

    def failure(self) -> FailedScheme:
        """The failure as :class:`FailedScheme` (what ``lint`` and the testing kit report)."""
        return FailedScheme(self.scheme_id, self.plugin, self.problems)


@attrs.define(eq=False)
class RegisteredScheme:
    """A scheme as a plugin registered it: its id, labels and plugin, built on first use.

    ``title``, ``version``, ``period`` and ``period_field`` are what the
    plugin declared (or the built scheme's, once built); :attr:`scheme` builds the scheme the
    first time it is read and raises :class:`SchemeUnavailableError` if it
    cannot be built.
    """

    id: str
    plugin: str
    title: Text | None = None
    version: str | None = None
    period: PeriodKind | None = None
    period_field: str | None = None
    _factory: Callable[[], Any] | None = attrs.field(default=None, repr=False)
    _built: Scheme | None = attrs.field(default=None, repr=False)
    _failure: str | None = attrs.field(default=None, repr=False)
    _problems: tuple[str, ...] = attrs.field(default=(), repr=False)

    @classmethod
    def of(cls, scheme: Scheme, plugin: str) -> RegisteredScheme:
        """The entry of a scheme already built."""
        return cls(
            scheme.id,
            plugin,
            scheme.title,
            scheme.version,
            scheme.period,
            scheme.period_field,
            None,
            scheme,
        )

    @property
    def built(self) -> bool:
        """Whether the scheme has been built (successfully or not)."""
        return self._built is not None or self._failure is not None

    @property
    def scheme(self) -> Scheme:
        """The scheme, built now if it was not yet (see :class:`SchemeUnavailableError`)."""
        if self._built is None:
            if self._failure is None:
                self._build()
            if self._failure is not None:
                raise SchemeUnavailableError(self.id, self.plugin, self._failure, self._problems)
        assert self._built is not None
        return self._built

    def _declared_but_not(self, made: Scheme) -> list[str]:
        """What the plugin declared when it registered the scheme that the scheme is not."""
        found = []
        for name in ("title", "version", "period", "period_field"):
            declared, actual = getattr(self, name), getattr(made, name)
            if declared is not None and declared != actual:
                found.append(f"{name} {_shown(declared)} but built {_shown(actual)}")
        return found

    def _build(self) -> None:
        factory = self._factory
        assert factory is not None
        try:
            made = run_plugin_code(factory)
        except PluginCodeFailed as failed:
            cause = failed.__cause__
            self._failure = safe_text(cause if isinstance(cause, AssesskitError) else failed)
            if isinstance(cause, SchemeDefinitionError):
                self._problems = cause.problems
            return
        if not isinstance(made, Scheme):
            self._failure = f"its factory returned {type(made).__name__}, not a Scheme"
        elif made.id != self.id:
            self._failure = f"it was registered as {self.id!r} but its factory built {made.id!r}"
        elif differences := self._declared_but_not(made):
            self._failure = "its plugin declared " + "; ".join(differences)
        else:
            self._built = made
            self.title, self.version, self.period = made.title, made.version, made.period
            self.period_field = made.period_field


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
            mine: list[RegisteredScheme] = []
            open_for = [True]

            def register(
                item: Any,
                /,
                *,
                id: str | None = None,
                title: Text | str | None = None,
                version: str | None = None,
                period: PeriodKind | str | None = None,
                period_field: str | None = None,
                plugin: str = plugin,
                mine: list[RegisteredScheme] = mine,
                open_for: list[bool] = open_for,
            ) -> None:
                if not open_for[0]:
                    return  # a hook that ran out of time registers nothing any more
                try:
                    entry = _entry(item, plugin, id, title, version, period, period_field)
                except (TypeError, ValueError, PluginCodeFailed) as exc:
                    _warn(f"plugin {plugin!r}: a scheme could not be registered: {exc}")
                    cause = exc.__cause__ if isinstance(exc, PluginCodeFailed) else exc
                    if isinstance(cause, SchemeDefinitionError):
                        failed = FailedScheme(cause.scheme_id, plugin, cause.problems)
                        self._failed[cause.scheme_id] = failed
                    return
                mine.append(entry)

            def call(impl: Any = impl, register: Callable[..., None] = register) -> None:
                impl.function(register=register)

            try:
                run_plugin_code(call)
            except PluginCodeFailed as exc:
                open_for[0] = False
                _warn(f"plugin {plugin!r} failed in assesskit_register_schemes: {exc}; skipped")
                continue
            for entry in mine:
                found.setdefault(entry.id, []).append(entry)
        for scheme_id, entries in found.items():
            if len(entries) == 1:
                self._schemes[scheme_id] = entries[0]
            elif len(entries) > 1:
                self._clashes[scheme_id] = [e.plugin for e in entries]
                _warn(str(DuplicateSchemeError(scheme_id, self._clashes[scheme_id])))

    def get(self, scheme_id: str) -> RegisteredScheme:
        """The registered scheme *scheme_id*; raises Unknown/DuplicateSchemeError."""
        if not isinstance(scheme_id, str):
            raise InputTypeError(f"a scheme id is text, not {type(scheme_id).__name__}")
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
        """Schemes that failed to define (:class:`SchemeDefinitionError`), by id.

        Only schemes built when they were registered (a built scheme, or a
        factory given without an id) can fail here; a scheme registered
        lazily fails when it is used (:class:`SchemeUnavailableError`).
        """
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

                def call(impl: Any = impl, register: Callable[..., None] = register) -> None:
                    impl.function(register=register)

                try:
                    run_plugin_code(call)
                except PluginCodeFailed as exc:
                    _warn(
                        f"plugin {plugin!r} failed in assesskit_register_rule_kinds: {exc}; skipped"
                    )
        return {k: v[0] for k, v in sorted(self._rule_kinds.items())}

    def rule_kind_plugins(self) -> dict[str, str]:
        """The plugin that registered each rule kind (``assesskit.builtins`` for the core's)."""
        self.rule_kinds()
        return {k: v[1] for k, v in sorted(self._rule_kinds.items())}


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
            module = run_plugin_code(entry_point.load)
            manager.register(module, name=name)
        except PluginCodeFailed as exc:
            cause = exc.__cause__
            why = f"{type(cause).__name__}: {cause}" if isinstance(cause, Exception) else exc
            _warn(f"plugin {name!r} could not be loaded: {why}; skipped")
        except Exception as exc:  # pluggy refuses the module (a bad hook signature...)
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


def _shown(value: object) -> str:
    if isinstance(value, Text):
        return repr(f"{value.en} / {value.zh}")
    if isinstance(value, PeriodKind):
        return repr(value.value)
    return repr(value)


def _entry(
    item: Any,
    plugin: str,
    scheme_id: str | None,
    title: Text | str | None,
    version: str | None,
    period: PeriodKind | str | None,
    period_field: str | None,
) -> RegisteredScheme:
    """The registry entry of one ``register(...)`` call; raises for a bad registration.

    A built scheme is recorded as it is. A factory with an ``id`` is recorded
    unbuilt (lazy); a factory without one must be built now to learn its id.
    """
    if isinstance(item, Scheme):
        return RegisteredScheme.of(item, plugin)
    if not callable(item):
        raise TypeError(f"registered {type(item).__name__}, not a Scheme or a function")
    if scheme_id is None:
        made = run_plugin_code(item)
        if not isinstance(made, Scheme):
            raise TypeError(f"registered {type(made).__name__}, not a Scheme")
        return RegisteredScheme.of(made, plugin)
    if not isinstance(scheme_id, str) or not scheme_id:
        raise TypeError(f"id {scheme_id!r} is not a scheme id")
    if title is not None and not isinstance(title, Text | str):
        raise TypeError(f"{scheme_id}: title {safe_text(title, use_repr=True)} is not a Text")
    for name, value in (("version", version), ("period_field", period_field)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{scheme_id}: {name} {safe_text(value, use_repr=True)} is not text")
    if period is not None and not isinstance(period, PeriodKind | str):
        raise TypeError(f"{scheme_id}: period {safe_text(period, use_repr=True)} is not a period")
    label = Text(title) if isinstance(title, str) else title
    kind = PeriodKind(period) if isinstance(period, str) else period
    if period_field is None and kind is not None:
        period_field = "period" if kind is PeriodKind.MONTHLY else "year"
    return RegisteredScheme(scheme_id, plugin, label, version, kind, period_field, item)
