"""Float helpers for the batch path that know when a float may be wrong.

The batch path computes in float64 and marks a row *uncertain* wherever float
noise could change a discrete decision: a floor near a whole number, a
rounding near a half, a comparison of two computed values that are nearly
equal. Uncertain rows are re-scored on the exact path, so the batch path
gives the exact path's answers for every row.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "TIE_TOLERANCE",
    "BoolArray",
    "FloatArray",
    "floor_with_doubt",
    "round_half_up_with_doubt",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Relative distance from a decision boundary under which a float result is
#: not trusted. Float error on the batch path is around 1e-15 relative; this
#: is many orders of magnitude wider, so every real tie is caught and the
#: number of false alarms stays negligible.
TIE_TOLERANCE = 1e-9


def floor_with_doubt(q: FloatArray, magnitude: FloatArray | float) -> tuple[FloatArray, BoolArray]:
    """``floor(q)`` and a mask of rows where *q* is too close to a whole number.

    *magnitude* bounds the size of the numbers *q* was computed from, so that
    cancellation error is accounted for.
    """
    whole = np.floor(q)
    nearest = np.rint(q)
    doubt = np.abs(q - nearest) <= TIE_TOLERANCE * (1.0 + np.abs(magnitude))
    return whole, doubt


def round_half_up_with_doubt(x: FloatArray, places: int = 2) -> tuple[FloatArray, BoolArray]:
    """Round half away from zero to *places* decimals; mask rows near a tie.

    The rounded value is returned as the float nearest to the decimal result,
    so ``repr`` of it shows the exact decimal.
    """
    scale = 10.0**places
    scaled = np.abs(x) * scale
    frac = scaled - np.floor(scaled)
    doubt = np.abs(frac - 0.5) <= TIE_TOLERANCE * (1.0 + scaled)
    units = np.floor(scaled + 0.5)
    rounded = np.copysign(units, x) / scale
    return rounded, doubt
