"""``NoValue``: an expression for an outcome that does not apply to a record.

An outcome that only exists under a condition ("資本回報率超過15%,按超出部分的20%
提取獎金": a bonus pool only when the return on capital is above 15%) publishes
``None`` (JSON ``null``) otherwise, the same way an outcome built on an
optional input that was not given does. ``NoValue`` says so in a scheme:

>>> from assesskit.expressions import Const, Input, Where
>>> roc = Input("return_on_capital")
>>> pool_rate = Where(roc > Const("0.15"), Const("0.2") * (roc - Const("0.15")), NoValue())
>>> pool_rate.words()
'0.2 × (return_on_capital - 0.15) if return_on_capital > 0.15, else no value'
"""

from __future__ import annotations

import attrs
import numpy as np

from assesskit.expressions import BatchEnv, BatchValue, ExactEnv, ExactValue, Expr

__all__ = ["NoValue"]


@attrs.frozen(eq=False)
class NoValue(Expr):
    """No value: published as ``None``; arithmetic on it gives no value too."""

    def exact(self, env: ExactEnv) -> ExactValue:
        return None

    def batch(self, env: BatchEnv) -> BatchValue:
        return BatchValue(
            np.full(env.size, np.nan),
            missing=np.ones(env.size, dtype=bool),
            faithful=True,
        )

    def words(self) -> str:
        return "no value"
