"""Helpers of the expression environments (``expressions/env``): masks, ``None`` cells, truth."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from assesskit.expressions.env import BatchValue, is_none, numeric_or_none, or_masks, truth


def test_or_masks() -> None:
    a = np.array([True, False, False])
    b = np.array([False, False, True])
    c = np.array([False, True, False])
    assert or_masks() is None
    assert or_masks(None, None) is None
    assert or_masks(None, a) is a
    assert or_masks(a, None, b).tolist() == [True, False, True]  # type: ignore[union-attr]
    assert or_masks(a, b, c).tolist() == [True, True, True]  # type: ignore[union-attr]
    assert a.tolist() == [True, False, False]  # the masks are left alone


def test_is_none() -> None:
    values = np.array([None, 0, "", None, False], dtype=object)
    assert is_none(values).tolist() == [True, False, False, True, False]
    assert is_none(values).dtype == np.bool_  # a mask, usable to pick rows
    assert is_none(np.array([], dtype=object)).tolist() == []


def test_truth_counts_a_missing_condition_as_false() -> None:
    data, doubt = truth(
        BatchValue(np.array([True, True, False]), missing=np.array([False, True, False])), 3
    )
    assert data.tolist() == [True, False, False]
    assert doubt is None
    # a constant is broadcast; its doubt is passed on
    mask = np.array([True, False])
    data, doubt = truth(BatchValue(np.asarray(True), doubt=mask), 2)
    assert data.tolist() == [True, True]
    assert doubt is mask
    # numbers as conditions: non-zero is true
    data, _ = truth(BatchValue(np.array([0.0, 2.0])), 2)
    assert data.tolist() == [False, True]


def test_numeric_or_none() -> None:
    assert numeric_or_none(Fraction(1, 2)) == Fraction(1, 2)
    assert numeric_or_none(True) is None
    assert numeric_or_none("1") is None
    assert numeric_or_none(None) is None
