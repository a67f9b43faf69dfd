"""The examples invariant: a scheme's worked examples give their declared results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import hypothesis.strategies as st

from assesskit._exact import to_fraction
from assesskit.errors import InvalidInputError
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.testing._compare import exact_and_batch_differ
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    single_columns,
)

if TYPE_CHECKING:
    pass

_DrawFn = st.DrawFn


# -- worked examples -------------------------------------------------------------------------

_EXPECTATIONS = ("total", "band", "vetoed", "vetoes", "components", "outcome")


def _same_expected(actual: Any, expected: Any) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, bool) or isinstance(actual, bool):
        return bool(actual) == bool(expected) and isinstance(actual, bool) == isinstance(
            expected, bool
        )
    if isinstance(expected, list | tuple):
        return isinstance(actual, list | tuple) and list(actual) == list(expected)
    try:
        return to_fraction(actual) == to_fraction(expected)
    except (TypeError, ValueError):
        return str(actual) == str(expected)


def _example_mismatches(result: Result, expected: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(part, sentence)`` for each expectation the result does not meet."""
    out: list[tuple[str, str]] = []
    for key, want in expected.items():
        if key == "total" and not _same_expected(result.total, want):
            out.append(("total", f"total: expected {want}, got {result.total}"))
        elif key == "band" and result.band_id != want:
            out.append(("band", f"band: expected {want!r}, got {result.band_id!r}"))
        elif key == "vetoed" and result.vetoed != bool(want):
            out.append(("vetoed", f"vetoed: expected {want}, got {result.vetoed}"))
        elif key == "vetoes":
            got = sorted(v.id for v in result.vetoes)
            if got != sorted(want):
                out.append(("vetoes", f"vetoes: expected {sorted(want)}, got {got}"))
        elif key == "components":
            for cid, points in want.items():
                comp = result.components.get(cid)
                if comp is None:
                    out.append((cid, f"component {cid!r}: no such component"))
                elif not _same_expected(comp.points, points):
                    out.append((cid, f"component {cid!r}: expected {points}, got {comp.points}"))
        elif key == "outcome":
            for oid, value in want.items():
                if oid not in result.outcome:
                    out.append((oid, f"outcome {oid!r}: no such outcome"))
                elif not _same_expected(result.outcome[oid], value):
                    out.append(
                        (oid, f"outcome {oid!r}: expected {value!r}, got {result.outcome[oid]!r}")
                    )
        elif key not in _EXPECTATIONS:
            out.append((key, f"unknown expectation {key!r} (known: {', '.join(_EXPECTATIONS)})"))
    return out


def check_examples(scheme: Scheme, **_: Any) -> None:
    """The scheme's own worked examples give the results they declare, on both paths.

    Each :class:`~assesskit.Example` may expect ``total``, ``band``,
    ``vetoed``, ``vetoes`` (ids), ``components`` (id → points) and
    ``outcome`` (id → value); numbers compare exactly (``"74.73"`` equals
    ``74.73``). Every failing example is listed.
    """
    failures: list[str] = []
    first: str | None = None
    record: Mapping[str, Any] | None = None
    for example in scheme.examples:
        configured = scheme.with_params(example.params) if example.params else scheme
        try:
            result = configured.score(example.record)
        except InvalidInputError as exc:
            failures.append(f"example {example.name!r} is rejected: {exc}")
            first, record = first or example.name, record or example.record
            continue
        problems = _example_mismatches(result, example.expected)
        try:
            batch = configured.score_batch(single_columns(example.record))
        except Exception as exc:
            problems.append(("batch", f"score_batch raised {type(exc).__name__}: {exc}"))
        else:
            problems += [
                (d.part or d.what, "batch path: " + d.words("batch", "exact"))
                for d in exact_and_batch_differ(configured, result, batch, 0)
            ]
        if problems:
            failures += [f"example {example.name!r}: {sentence}" for _, sentence in problems]
            first = first or f"{example.name}: {problems[0][0]}"
            record = record or example.record
    if failures:
        raise InvariantViolation(
            "examples",
            scheme.id,
            f"{len(failures)} expectation(s) of the worked examples not met",
            component=first,
            details=failures,
            record=record,
            record_label="first failing example",
        )
