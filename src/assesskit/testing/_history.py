"""The history invariant: rules over consecutive periods fire exactly when they should."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import hypothesis.strategies as st

from assesskit.history import EntryEnv, History, HistoryEntry
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.testing._report import InvariantViolation
from assesskit.testing._running import (
    ProfileArg,
    run_check,
    score_or_fail,
)
from assesskit.testing.strategies import (
    histories,
)

if TYPE_CHECKING:
    import hypothesis

_DrawFn = st.DrawFn


# -- history ---------------------------------------------------------------------------------


def _history_body(scheme: Scheme) -> Callable[[list[dict[str, Any]]], None]:
    params = scheme.params()

    def body(records: list[dict[str, Any]]) -> None:
        plain = [score_or_fail(scheme, "history", r) for r in records]
        chained: list[Result] = []
        for k, record in enumerate(records):
            result = score_or_fail(scheme, "history", record, History.from_results(chained))
            chained.append(result)
            if (result.total, result.band_id, result.vetoed) != (
                plain[k].total,
                plain[k].band_id,
                plain[k].vetoed,
            ):
                raise InvariantViolation(
                    "history",
                    scheme.id,
                    f"period {k + 1}: history changed the total or band "
                    f"({plain[k].total} {plain[k].band_id} → {result.total} {result.band_id})",
                    record=record,
                )
            for rule in scheme.history_rules:
                start = k - rule.periods + 1
                expected: list[str] = []
                if start >= 0:
                    window = [HistoryEntry.from_result(r) for r in plain[start : k + 1]]
                    expected = [
                        t.id
                        for t in rule.triggers
                        if all(t.condition.exact(EntryEnv(e, params)) for e in window)
                    ]
                fired = result.outcome.get(rule.id)
                triggers = (
                    result.outcome.get(rule.triggers_outcome) if rule.triggers_outcome else None
                )
                wrong = fired != bool(expected) or (
                    rule.triggers_outcome is not None and list(triggers or []) != expected
                )
                if wrong:
                    raise InvariantViolation(
                        "history",
                        scheme.id,
                        f"period {k + 1} of {len(records)}: history rule {rule.id!r} gave "
                        f"{fired!r} (triggers {triggers!r}); over the last {rule.periods} "
                        f"period(s) the triggers that held throughout are {expected}",
                        component=rule.id,
                        details=[
                            f"period {i + 1}: total {r.total}, band {r.band_id}"
                            for i, r in enumerate(plain[: k + 1])
                        ],
                        record={"records": records[: k + 1]},
                        record_label="history (oldest first)",
                    )

    return body


def check_history(
    scheme: Scheme, *, profile: ProfileArg = "fast", settings: hypothesis.settings | None = None
) -> None:
    """History rules over consecutive periods fire exactly when they should.

    For generated histories of one entity (each period scored with the
    results of the periods before it): a rule over *n* periods fires when
    one of its triggers held in each of the last *n* periods, never with less
    history, and history never changes the total or the band.
    """
    if not scheme.history_rules:
        return
    longest = max(rule.periods for rule in scheme.history_rules)
    strategy = histories(scheme, longest + 1)
    run_check(scheme, "history", strategy, _history_body(scheme), profile, settings)
