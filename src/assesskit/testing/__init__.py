"""Property testing for scheme authors: strategies, invariant checks, a pytest plugin.

Nothing here is imported until used, so that the pytest plugin
(:mod:`assesskit.testing.pytest_plugin`) and the Hypothesis entry point stay
cheap to load. The public names:

- strategies (:mod:`assesskit.testing.strategies`): :func:`records`,
  :func:`invalid_records`, :func:`histories`, :func:`columns`;
- invariant checks (:mod:`assesskit.testing.invariants`):
  :func:`check_scheme` and one ``check_*`` function per invariant, raising
  :class:`InvariantViolation` with a minimal counterexample;
- the check of a rule kind (:mod:`assesskit.testing.kinds`):
  :func:`check_rule_kind`, which runs the invariants that apply to one rule
  on a scheme built around the kind's own example
  (:meth:`Rule.example <assesskit.rules.Rule.example>`), raising
  :class:`RuleKindCheckError`;
- :func:`check_generated_files` (:mod:`assesskit.testing.generated`): a
  plugin's bundled example files are what its ``examples/generate.py`` writes.

>>> from assesskit.testing import check_scheme          # doctest: +SKIP
>>> check_scheme(get_scheme("microloan.loan-officer"))  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assesskit.testing._profiles import PROFILES, Profile
    from assesskit.testing._report import InvariantViolation, SchemeCheckError
    from assesskit.testing.generated import check_generated_files
    from assesskit.testing.invariants import (
        INVARIANTS,
        CheckReport,
        Invariant,
        check_bands,
        check_batch,
        check_bounds,
        check_exact,
        check_examples,
        check_history,
        check_invalid,
        check_monotone,
        check_order,
        check_params,
        check_reach,
        check_scheme,
        check_veto,
        declared_directions,
    )
    from assesskit.testing.kinds import (
        KIND_INVARIANTS,
        RuleKindCheckError,
        RuleKindReport,
        check_rule_kind,
        example_scheme,
    )
    from assesskit.testing.strategies import (
        columns,
        histories,
        invalid_records,
        metric_values,
        records,
    )

__all__ = [
    "INVARIANTS",
    "KIND_INVARIANTS",
    "PROFILES",
    "CheckReport",
    "Invariant",
    "InvariantViolation",
    "Profile",
    "RuleKindCheckError",
    "RuleKindReport",
    "SchemeCheckError",
    "check_bands",
    "check_batch",
    "check_bounds",
    "check_exact",
    "check_examples",
    "check_generated_files",
    "check_history",
    "check_invalid",
    "check_monotone",
    "check_order",
    "check_params",
    "check_reach",
    "check_rule_kind",
    "check_scheme",
    "check_veto",
    "columns",
    "declared_directions",
    "example_scheme",
    "histories",
    "invalid_records",
    "metric_values",
    "records",
]

_HOME = {
    "check_generated_files": "generated",
    "KIND_INVARIANTS": "kinds",
    "RuleKindCheckError": "kinds",
    "RuleKindReport": "kinds",
    "check_rule_kind": "kinds",
    "example_scheme": "kinds",
    "PROFILES": "_profiles",
    "Profile": "_profiles",
    "InvariantViolation": "_report",
    "SchemeCheckError": "_report",
    "columns": "strategies",
    "histories": "strategies",
    "invalid_records": "strategies",
    "metric_values": "strategies",
    "records": "strategies",
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{_HOME.get(name, 'invariants')}")
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
