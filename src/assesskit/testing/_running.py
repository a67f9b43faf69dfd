"""Running a check: Hypothesis with the profile's settings, scoring that reports violations."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import hypothesis.strategies as st
from hypothesis import given

from assesskit.errors import InvalidInputError, RuleError
from assesskit.history import History
from assesskit.results import BatchResult, Result
from assesskit.scheme import Scheme
from assesskit.testing._culprit import find_culprit, params_words
from assesskit.testing._profiles import Profile, get_profile
from assesskit.testing._report import InvariantViolation
from assesskit.testing._report import show as show  # the checks import it from here

if TYPE_CHECKING:
    import hypothesis

_DrawFn = st.DrawFn

#: A profile, by name or as it is.
ProfileArg = str | Profile


# -- running --------------------------------------------------------------------------------


def run_check(
    scheme: Scheme,
    invariant: str,
    strategy: st.SearchStrategy[Any],
    body: Callable[[Any], None],
    profile: ProfileArg,
    settings: hypothesis.settings | None,
    *,
    share: int = 1,
    key: str = "",
    budget: int | None = None,
) -> None:
    """Run *body* on examples of *strategy* until it fails (shrunk) or the budget is spent.

    *share* divides the profile's example budget (a check made of several
    runs), or *budget* replaces it; explicit *settings* are used as they
    are. *key* tells the runs of one check apart in Hypothesis' example
    database.
    """
    if settings is not None:
        conf = settings
    else:
        prof = get_profile(profile)
        examples = budget if budget is not None else max(5, prof.max_examples // share)
        conf = attrs.evolve(prof, max_examples=examples).settings()

    def run(case: Any) -> None:
        body(case)

    run.__name__ = run.__qualname__ = f"check_{invariant}"
    # Hypothesis keys its example database by the function's source; every
    # scheme and invariant shares this one, so tell them apart.
    run._hypothesis_internal_add_digest = (  # type: ignore[attr-defined]
        f"assesskit:{scheme.id}:{scheme.fingerprint}:{invariant}:{key}".encode()
    )
    test = given(case=strategy)(conf(run))
    try:
        test()
    except InvariantViolation as exc:
        # The message already shows the shrunk record; Hypothesis' own repr of the
        # internal test case would repeat it, less readably.
        notes: list[str] = getattr(exc, "__notes__", [])
        notes[:] = [n for n in notes if not n.startswith(_CASE_NOTES)]
        raise


_CASE_NOTES = ("Falsifying example", "Failing test case")


def raised(
    scheme: Scheme, invariant: str, path: str, exc: Exception, **kw: Any
) -> InvariantViolation:
    """The violation for an exception that scoring raised: names the part that raised it."""
    if isinstance(exc, RuleError):  # it names the component itself
        part: str | None = exc.component
        where = ""
    else:
        culprit = find_culprit(scheme, exc)
        part = None if culprit is None else culprit.part
        where = "" if culprit is None else f" in {culprit.words}"
    return InvariantViolation(
        invariant,
        scheme.id,
        f"{path} raised {type(exc).__name__}{where}{params_words(scheme)}: {exc}",
        component=part,
        **kw,
    )


def score_or_fail(
    scheme: Scheme, invariant: str, record: Mapping[str, Any], history: History | None = None
) -> Result:
    """``scheme.score(record)``; a rejection or an exception is a violation of *invariant*."""
    try:
        return scheme.score(record, history=history)
    except InvalidInputError as exc:
        raise InvariantViolation(
            invariant,
            scheme.id,
            "a valid record was rejected",
            details=[str(p) for p in exc.problems],
            record=record,
        ) from exc
    except Exception as exc:
        raise raised(scheme, invariant, "scoring", exc, record=record) from exc


def score_batch_or_fail(
    scheme: Scheme, invariant: str, columns: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]
) -> BatchResult:
    """``scheme.score_batch(columns)``; any exception is a violation of *invariant*."""
    record = rows[0] if len(rows) == 1 else {"records": list(rows)}
    try:
        return scheme.score_batch(columns)
    except InvalidInputError as exc:
        raise InvariantViolation(
            invariant,
            scheme.id,
            f"score_batch raised InvalidInputError on {len(rows)} valid record(s)",
            details=[str(p) for p in exc.problems],
            record=record,
        ) from exc
    except Exception as exc:
        path = f"score_batch on {len(rows)} valid record(s)"
        raise raised(scheme, invariant, path, exc, record=record) from exc


class Compact:
    """A test case that Hypothesis shows in one line (the violation shows the record)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__.strip('_').lower()}>"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))


def single_columns(record: Mapping[str, Any]) -> dict[str, list[Any]]:
    """One record as columns of one row, for ``score_batch``."""
    return {k: [v] for k, v in record.items()}
