"""The ``hypothesis`` entry point: strategies for assesskit's core value types.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, so that
``st.from_type(Interval)`` (and ``st.builds`` of anything taking an
:class:`~assesskit.Interval`, :class:`~assesskit.Period`,
:class:`~assesskit.Text` or :class:`~assesskit.Band`) works without setup.
The hook registers functions, not strategies: nothing is built or drawn, and
:mod:`assesskit.testing.strategies` is imported only when one is first used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__: list[str] = []


def _lazy(name: str) -> Callable[[type[Any]], Any]:
    def resolve(_: type[Any]) -> Any:
        strategies = importlib.import_module("assesskit.testing.strategies")
        return getattr(strategies, name)()

    return resolve


def _hypothesis_setup_hook() -> None:
    """Register strategies for :class:`Interval`, :class:`Period`, :class:`Text`, :class:`Band`."""
    import hypothesis.strategies as st

    from assesskit.bands import Band
    from assesskit.intervals import Interval
    from assesskit.periods import Period
    from assesskit.text import Text

    for cls, name in (
        (Interval, "intervals"),
        (Period, "periods"),
        (Text, "texts"),
        (Band, "bands"),
    ):
        st.register_type_strategy(cls, _lazy(name))
