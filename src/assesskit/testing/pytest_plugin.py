"""The pytest plugin: ``pytest --assesskit-check`` checks every registered scheme and rule kind.

Installed with assesskit (entry point ``pytest11``), it adds one test item
per scheme and invariant, ``assesskit::<scheme id>::<invariant>``, so that a
broken invariant shows as its own failure with its counterexample, and one
per rule kind that a plugin registers, ``assesskit::rule-kinds::<kind>``
(:func:`~assesskit.testing.check_rule_kind` on the kind's own example)::

    pytest --assesskit-check                              # every scheme and plugin rule kind
    pytest --assesskit-check --assesskit-scheme 'myfamily.*'
    pytest --assesskit-check --assesskit-kind 'myfamily_*'
    pytest --assesskit-check --assesskit-profile thorough

Without ``--assesskit-scheme`` or ``--assesskit-kind``, every registered
scheme and every rule kind registered by a plugin (the built-in kinds are
checked by assesskit's own tests) is checked; with either, only what the
patterns name (``--assesskit-kind`` may name built-in kinds too).

The items carry the marker ``assesskit`` (``-m assesskit`` runs only them).
This module imports nothing but pytest when pytest starts: assesskit's
schemes, NumPy and Hypothesis are loaded only once the option is given.
"""

from __future__ import annotations

import fnmatch
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import ExceptionInfo, TerminalRepr

    from assesskit.plugins import FailedScheme, RegisteredScheme
    from assesskit.rules.base import Rule
    from assesskit.testing.invariants import Invariant

__all__ = [
    "DefinitionItem",
    "InvariantItem",
    "PluginLoadItem",
    "RuleKindItem",
    "SchemeChecks",
    "pytest_addoption",
    "pytest_collection_modifyitems",
    "pytest_configure",
    "pytest_report_collectionfinish",
    "pytest_report_header",
]

_PROFILES = ("fast", "thorough")


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--assesskit-check``, ``--assesskit-scheme`` and ``--assesskit-profile``."""
    group = parser.getgroup("assesskit", "assesskit scheme checks")
    group.addoption(
        "--assesskit-check",
        action="store_true",
        default=False,
        help="run assesskit's invariant checks for every registered scheme",
    )
    group.addoption(
        "--assesskit-scheme",
        action="append",
        default=[],
        metavar="ID",
        help="check only schemes with this id (glob patterns such as 'microloan.*'; repeatable)",
    )
    group.addoption(
        "--assesskit-kind",
        action="append",
        default=[],
        metavar="KIND",
        help="check only rule kinds with this name (glob patterns; repeatable); "
        "without it or --assesskit-scheme, every rule kind a plugin registers is checked",
    )
    group.addoption(
        "--assesskit-profile",
        choices=_PROFILES,
        default="fast",
        help="how hard to look for counterexamples: fast (default, for CI) or thorough",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``assesskit`` marker (``-m assesskit`` selects the scheme checks)."""
    config.addinivalue_line("markers", "assesskit: an invariant check of an assesskit scheme")


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("assesskit_check"))


def pytest_report_header(config: pytest.Config) -> str | None:
    """Say that the scheme checks run, with which profile and for which schemes."""
    if not _enabled(config):
        return None
    patterns = config.getoption("assesskit_scheme")
    kinds = config.getoption("assesskit_kind")
    if patterns or kinds:
        which = ", ".join([*patterns, *(f"rule kind {k}" for k in kinds)])
    else:
        which = "every registered scheme and plugin rule kind"
    return (
        f"assesskit: invariant checks for {which} (profile {config.getoption('assesskit_profile')})"
    )


@pytest.hookimpl(tryfirst=True)  # before -k / -m deselect, so that they apply to our items
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Add the scheme checks to the collected items when ``--assesskit-check`` is given."""
    if _enabled(config):
        if config.getoption("assesskit_kind") and not config.getoption("assesskit_scheme"):
            config.stash[_ADDED] = (0, 0)  # only rule kinds were asked for
        else:
            items.extend(_scheme_items(session, config))
        items.extend(_kind_items(session, config))


def _registered(
    config: pytest.Config,
) -> tuple[list[RegisteredScheme], list[str], list[FailedScheme]]:
    """The schemes selected by ``--assesskit-scheme``, plugin problems while loading, and the
    selected schemes that failed to define (only those a pattern names)."""
    from assesskit.plugins import (
        PluginWarning,
        SchemeUnavailableError,
        get_registry,
        list_schemes,
    )

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        registered = list_schemes()
        failed = get_registry().failed()
    problems = []
    for w in caught:
        if issubclass(w.category, PluginWarning):
            problems.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    patterns: list[str] = config.getoption("assesskit_scheme")
    known = [r.id for r in registered]
    if not registered and not failed:
        raise pytest.UsageError(
            "--assesskit-check: no assesskit scheme is registered. Install the plugin that "
            "provides them (pip install -e .) and check its entry point in the 'assesskit' "
            "group." + (" Plugin problems: " + "; ".join(problems) if problems else "")
        )
    for pattern in patterns:
        if not fnmatch.filter(known, pattern) and not fnmatch.filter(failed, pattern):
            raise pytest.UsageError(
                f"--assesskit-scheme {pattern!r} matches no registered scheme "
                f"(registered: {', '.join(known)})"
            )
    chosen = [
        r for r in registered if not patterns or any(fnmatch.fnmatchcase(r.id, p) for p in patterns)
    ]
    selected = []
    lazy_failures: list[FailedScheme] = []
    for entry in chosen:  # a scheme registered lazily is built now, and may fail
        try:
            entry.scheme  # noqa: B018 - built for its failure
        except SchemeUnavailableError as exc:
            lazy_failures.append(exc.failure())
        else:
            selected.append(entry)
    # A scheme named by a pattern that failed to define gets a failing item saying why.
    broken = [
        f for i, f in sorted(failed.items()) if any(fnmatch.fnmatchcase(i, p) for p in patterns)
    ]
    return selected, problems, [*lazy_failures, *broken]


def _plugin_path(plugin: str, default: Path) -> Path:
    from assesskit.plugins import pm

    obj: Any = pm.get_plugin(plugin)
    module = obj if hasattr(obj, "__file__") else sys.modules.get(type(obj).__module__)
    where = getattr(module, "__file__", None)
    return Path(where) if where else default


def _scheme_items(session: pytest.Session, config: pytest.Config) -> list[pytest.Item]:
    from assesskit.testing.invariants import INVARIANTS

    selected, problems, broken = _registered(config)
    profile: str = config.getoption("assesskit_profile")
    items: list[pytest.Item] = []
    if problems:
        loading = SchemeChecks.from_parent(session, name="plugins", nodeid="assesskit::plugins")
        load = PluginLoadItem.from_parent(loading, name="load", problems=problems)
        session.ihook.pytest_collectreport(
            report=pytest.CollectReport(loading.nodeid, "passed", None, [load])
        )
        items.append(load)
    for failure in broken:
        group = SchemeChecks.from_parent(
            session, name=failure.scheme_id, nodeid=f"assesskit::{failure.scheme_id}"
        )
        definition = DefinitionItem.from_parent(group, name="definition", failure=failure)
        definition.add_marker("assesskit")
        session.ihook.pytest_collectreport(
            report=pytest.CollectReport(group.nodeid, "passed", None, [definition])
        )
        items.append(definition)
    for entry in selected:
        path = _plugin_path(entry.plugin, session.path)
        group = SchemeChecks.from_parent(
            session, name=entry.id, nodeid=f"assesskit::{entry.id}", path=path
        )
        checks: list[pytest.Item] = []
        for invariant in INVARIANTS:
            item = InvariantItem.from_parent(
                group, name=invariant.name, entry=entry, invariant=invariant, profile=profile
            )
            item.add_marker("assesskit")
            reason = invariant.not_applicable(entry.scheme)
            if reason is not None:
                item.add_marker(pytest.mark.skip(reason=reason))
            checks.append(item)
        # Reported like any collected module, so that "collected N items" counts the checks.
        report = pytest.CollectReport(group.nodeid, "passed", None, list(checks))
        session.ihook.pytest_collectreport(report=report)
        items += checks
    config.stash[_ADDED] = (len(items), len(selected) + len(broken))
    return items


_ADDED = pytest.StashKey[tuple[int, int]]()
_KINDS = pytest.StashKey[int]()


def _selected_kinds(config: pytest.Config) -> tuple[dict[str, tuple[type[Rule], str]], list[str]]:
    """The rule kinds to check, with the plugin of each, and problems registering kinds."""
    from assesskit.plugins import BUILTIN_NAME, PluginWarning, get_registry

    patterns: list[str] = config.getoption("assesskit_kind")
    if not patterns and config.getoption("assesskit_scheme"):
        return {}, []  # schemes were named, and no rule kind
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        registry = get_registry()
        kinds = registry.rule_kinds()
        plugins = registry.rule_kind_plugins()
    problems = [str(w.message) for w in caught if issubclass(w.category, PluginWarning)]
    for pattern in patterns:
        if not fnmatch.filter(kinds, pattern):
            raise pytest.UsageError(
                f"--assesskit-kind {pattern!r} matches no registered rule kind "
                f"(registered: {', '.join(kinds)})"
            )
    if patterns:
        chosen = [k for k in kinds if any(fnmatch.fnmatchcase(k, p) for p in patterns)]
    else:
        chosen = [k for k in kinds if plugins[k] != BUILTIN_NAME]
    return {k: (kinds[k], plugins[k]) for k in chosen}, problems


def _kind_items(session: pytest.Session, config: pytest.Config) -> list[pytest.Item]:
    selected, problems = _selected_kinds(config)
    profile: str = config.getoption("assesskit_profile")
    items: list[pytest.Item] = []
    if problems:
        loading = SchemeChecks.from_parent(session, name="kinds", nodeid="assesskit::kinds")
        load = PluginLoadItem.from_parent(loading, name="load", problems=problems)
        session.ihook.pytest_collectreport(
            report=pytest.CollectReport(loading.nodeid, "passed", None, [load])
        )
        items.append(load)
    if selected:
        group = SchemeChecks.from_parent(session, name="rule-kinds", nodeid="assesskit::rule-kinds")
        for kind, (cls, plugin) in selected.items():
            item = RuleKindItem.from_parent(
                group,
                name=kind,
                rule_kind=cls,
                plugin=plugin,
                profile=profile,
                path=_plugin_path(plugin, session.path),
            )
            item.add_marker("assesskit")
            items.append(item)
        kind_items = [i for i in items if isinstance(i, RuleKindItem)]
        session.ihook.pytest_collectreport(
            report=pytest.CollectReport(group.nodeid, "passed", None, list(kind_items))
        )
    config.stash[_KINDS] = len(selected)
    return items


def pytest_report_collectionfinish(config: pytest.Config) -> str | None:
    """Say how many scheme checks (and rule-kind checks) were added to the collected tests."""
    added = config.stash.get(_ADDED, None)
    kinds = config.stash.get(_KINDS, 0)
    if added is None:
        return None
    line = f"assesskit: {added[0]} check(s) of {added[1]} scheme(s)"
    return f"{line} and {kinds} rule kind(s)" if kinds else line


class SchemeChecks(pytest.Collector):
    """The checks of one scheme (``assesskit::<scheme id>``); its items are made up front."""

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        """Nothing to collect: the items are created by the plugin."""
        return []


class InvariantItem(pytest.Item):
    """One invariant checked on one scheme."""

    def __init__(
        self,
        *,
        entry: RegisteredScheme,
        invariant: Invariant,
        profile: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.entry = entry
        self.invariant = invariant
        self.profile = profile

    def runtest(self) -> None:
        """Run the check (items of invariants that do not apply are marked skip)."""
        self.invariant.run(self.entry.scheme, profile=self.profile)

    def repr_failure(
        self,
        excinfo: ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        """The counterexample, without a traceback, when an invariant is broken."""
        from assesskit.testing._report import InvariantViolation

        if isinstance(excinfo.value, InvariantViolation):
            notes = [
                n
                for n in getattr(excinfo.value, "__notes__", [])
                if not n.startswith("Falsifying example")
            ]
            head = f"{self.invariant.title} (plugin {self.entry.plugin!r})"
            return "\n".join([head, str(excinfo.value), *notes])
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the scheme comes from, and ``assesskit <scheme id>: <invariant>``."""
        return self.path, 0, f"assesskit {self.entry.id}: {self.name}"


class RuleKindItem(pytest.Item):
    """One rule kind checked on its own examples (:func:`~assesskit.testing.check_rule_kind`)."""

    def __init__(self, *, rule_kind: type[Rule], plugin: str, profile: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rule_kind = rule_kind
        self.plugin = plugin
        self.profile = profile

    def runtest(self) -> None:
        """Run the kind's check."""
        from assesskit.testing.kinds import check_rule_kind

        check_rule_kind(self.rule_kind, self.profile)

    def repr_failure(
        self,
        excinfo: ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        """What is wrong with the kind's examples, and each broken invariant's counterexample."""
        from assesskit.testing.kinds import RuleKindCheckError

        if isinstance(excinfo.value, RuleKindCheckError):
            head = f"the rule kind's own check (plugin {self.plugin!r})"
            return "\n".join([head, str(excinfo.value)])
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the kind comes from, and ``assesskit rule kind <kind>``."""
        return self.path, 0, f"assesskit rule kind {self.name}"


class PluginLoadItem(pytest.Item):
    """Fails when an assesskit plugin could not be loaded, listing why."""

    def __init__(self, *, problems: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        """Fail with the plugin problems."""
        raise PluginLoadError("\n".join(self.problems))

    def repr_failure(
        self,
        excinfo: ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        """The problems, one a line."""
        if isinstance(excinfo.value, PluginLoadError):
            return "assesskit plugins failed to load:\n" + str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """``assesskit plugins``."""
        return self.path, 0, "assesskit plugins"


class PluginLoadError(Exception):
    """A plugin could not be loaded, or one of its schemes was skipped."""


class DefinitionItem(pytest.Item):
    """Fails for a scheme selected by ``--assesskit-scheme`` that failed to define, saying why."""

    def __init__(self, *, failure: FailedScheme, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.failure = failure

    def runtest(self) -> None:
        """Fail with the scheme's definition problems."""
        lines = [f"  - {p}" for p in self.failure.problems]
        raise SchemeDefinitionFailedError("\n".join(lines))

    def repr_failure(
        self,
        excinfo: ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        """The definition problems, one a line."""
        if isinstance(excinfo.value, SchemeDefinitionFailedError):
            return (
                f"scheme {self.failure.scheme_id!r} (plugin {self.failure.plugin!r}) failed to "
                f"define, so none of its checks can run:\n{excinfo.value}"
            )
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """``assesskit <scheme id>: definition``."""
        return self.path, 0, f"assesskit {self.failure.scheme_id}: definition"


class SchemeDefinitionFailedError(Exception):
    """A scheme selected for checking failed to define."""
