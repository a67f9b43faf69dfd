"""The invalid invariant: a record with one bad field is rejected, naming it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import hypothesis.strategies as st

from assesskit.constraints import AtLeastOneGiven
from assesskit.errors import InvalidInputError, Problem
from assesskit.periods import PeriodKind
from assesskit.scheme import Scheme
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    Compact,
    ProfileArg,
    run_check,
)
from assesskit.testing.strategies import (
    SchemeInputs,
    _draw_value,
    _drawn,
    bad_values,
    raw_forms,
)

if TYPE_CHECKING:
    import hypothesis

_DrawFn = st.DrawFn


# -- invalid input ---------------------------------------------------------------------------


@attrs.frozen
class _BadRecord:
    record: dict[str, Any]
    field: str
    value: Any


@attrs.frozen(repr=False)
class _InvalidSuite(Compact):
    valid: dict[str, Any]
    bad: list[_BadRecord]

    def __repr__(self) -> str:
        return f"<a valid record and {len(self.bad)} copies with one bad field each>"


@st.composite
def _invalid_suites(draw: _DrawFn, ctx: SchemeInputs) -> _InvalidSuite:
    """A valid record, and one copy of it per field and bad value of that field."""
    scheme, spaces = ctx.scheme, ctx.spaces
    drawn = draw(_drawn(ctx, 0.5, "E-0", None))
    suite: list[_BadRecord] = []
    for metric in scheme.metrics:
        for bad in bad_values(metric, spaces.get(metric.name)):
            record = dict(drawn.record)
            record["entity_id"] = f"E-{len(suite) + 1}"
            record[metric.name] = bad
            # The bad field counts as missing: keep "at least one of ..." met by another field.
            for c in scheme.all_constraints():
                if isinstance(c, AtLeastOneGiven) and metric.name in c.names:
                    others = [n for n in c.names if n != metric.name]
                    if all(drawn.values.get(n) is None for n in others):
                        other = scheme.metric_map[others[0]]
                        value = _draw_value(draw, scheme, other, spaces, 0.5)
                        record[other.name] = draw(st.sampled_from(raw_forms(other, value)))
            suite.append(_BadRecord(record, metric.name, bad))
    # The period field: not a period at all, or a period of the other kind.
    monthly = scheme.period is PeriodKind.MONTHLY
    for bad in ("2026-13" if monthly else "20x6", "2026" if monthly else "2026-08"):
        record = {**drawn.record, "entity_id": f"E-{len(suite) + 1}", scheme.period_field: bad}
        suite.append(_BadRecord(record, scheme.period_field, bad))
    return _InvalidSuite(drawn.record, suite)


def _related(scheme: Scheme, field: str) -> set[str]:
    out = {field}
    for c in scheme.all_constraints():
        if field in c.fields():
            out.update(c.fields())
    return out


def _invalid_body(scheme: Scheme) -> Callable[[_InvalidSuite], None]:
    def exact(case: _BadRecord) -> None:
        field, bad = case.field, case.value
        try:
            scheme.score(case.record)
        except InvalidInputError as exc:
            _check_problems(
                "exact path", exc.problems, field, _related(scheme, field), scheme, case.record, bad
            )
        except Exception as exc:
            raise InvariantViolation(
                "invalid",
                scheme.id,
                f"a bad {field!r} ({bad!r}) made scoring raise {type(exc).__name__}: {exc}, "
                f"not InvalidInputError",
                component=field,
                record=case.record,
            ) from exc
        else:
            raise InvariantViolation(
                "invalid",
                scheme.id,
                f"a record with a bad {field!r} ({bad!r}) was scored instead of rejected",
                component=field,
                record=case.record,
            )

    def body(case: _InvalidSuite) -> None:
        valid, suite = case.valid, case.bad
        for bad in suite:
            exact(bad)
        rows = [valid, *(b.record for b in suite)]
        columns = {k: [row.get(k) for row in rows] for k in rows[0]}
        try:
            scheme.score_batch(columns)
        except InvalidInputError as exc:
            by_row: dict[int | None, list[Problem]] = {}
            for p in exc.problems:
                by_row.setdefault(p.row, []).append(p)
            if by_row.get(0):
                raise InvariantViolation(
                    "invalid",
                    scheme.id,
                    "score_batch rejected row 1, a valid record, of a batch with bad rows",
                    details=[str(p) for p in by_row[0]],
                    record=valid,
                ) from exc
            for index, bad in enumerate(suite, start=1):
                _check_problems(
                    f"batch path (row {index + 1} of {len(rows)})",
                    by_row.get(index, []),
                    bad.field,
                    _related(scheme, bad.field),
                    scheme,
                    bad.record,
                    bad.value,
                )
        except Exception as exc:
            raise InvariantViolation(
                "invalid",
                scheme.id,
                f"score_batch raised {type(exc).__name__}: {exc} on a batch with bad rows, "
                f"not InvalidInputError",
                record=valid,
            ) from exc
        else:
            raise InvariantViolation(
                "invalid",
                scheme.id,
                f"score_batch scored {len(suite)} bad records instead of rejecting them",
                record=valid,
                record_label="the valid record the bad ones were made from",
            )

    return body


def _same_raw(a: Any, b: Any) -> bool:
    from assesskit.metrics import is_missing

    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    try:
        return bool(a == b) or str(a) == str(b)
    except Exception:
        return False


def _check_problems(
    path: str,
    problems: Sequence[Problem],
    field: str,
    allowed: set[str],
    scheme: Scheme,
    record: Mapping[str, Any],
    bad: Any,
) -> None:
    where = f"on the {path}"
    listed = [str(p) for p in problems]
    if not problems:
        raise InvariantViolation(
            "invalid",
            scheme.id,
            f"a record with a bad {field!r} ({bad!r}) was not rejected {where}",
            component=field,
            record=record,
        )
    named = [p for p in problems if p.field == field]
    if not named:
        raise InvariantViolation(
            "invalid",
            scheme.id,
            f"a bad {field!r} ({bad!r}) was rejected {where} without naming {field!r}",
            component=field,
            details=listed,
            record=record,
        )
    stray = [p for p in problems if p.field not in allowed]
    if stray:
        raise InvariantViolation(
            "invalid",
            scheme.id,
            f"only {field!r} is bad ({bad!r}), but {where} the error also names "
            + ", ".join(repr(p.field) for p in stray),
            component=field,
            details=listed,
            record=record,
        )
    if not any(_same_raw(p.value, bad) for p in named):
        raise InvariantViolation(
            "invalid",
            scheme.id,
            f"the error {where} names {field!r} but not the value given ({bad!r})",
            component=field,
            details=listed,
            record=record,
        )


def check_invalid(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """A record with one bad field is rejected, naming that field and its value.

    Every field is tried with every kind of bad value it can take
    (:func:`~assesskit.testing.strategies.bad_values`), each in a copy of a
    generated valid record: on the exact path the record is rejected with
    :class:`~assesskit.InvalidInputError` (never another exception); on the
    batch path, all of them in one batch after the valid record, each row's
    problems name its bad field and the valid row has none. A problem may
    also name a field tied to the bad one by a constraint. Each example tries
    every field, so the profile's budget is divided by 3.
    """
    strategy = _invalid_suites(SchemeInputs.of(scheme))
    run_check(scheme, "invalid", strategy, _invalid_body(scheme), profile, settings, share=3)
