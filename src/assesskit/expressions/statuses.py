"""Expressions over the statuses the components' rules report (a target ``behind``)."""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import numpy as np

from assesskit.expressions.algebra import Expr
from assesskit.expressions.env import BatchEnv, BatchValue, ExactEnv, ExactValue, ShowEnv
from assesskit.expressions.leaves import ConditionLeaf
from assesskit.expressions.node import RangeEnv, TypeChecker, ZhWords
from assesskit.expressions.ranges import BOTH, Range
from assesskit.expressions.value_types import FLAG, LIST, ValueType
from assesskit.text import Text

__all__ = ["ComponentsWithStatus", "NoneWithStatus", "StatusIs"]

#: Statuses in Chinese words; another status is written as it is.
_STATUS_ZH = {"behind": "未达标"}


@attrs.frozen(eq=False)
class StatusIs(ConditionLeaf):
    """True when component *component_id* reported *status* (e.g. a target ``behind``)."""

    component_id: str
    status: str

    sees = frozenset({"status"})

    def exact(self, env: ExactEnv) -> ExactValue:
        return env.component_status(self.component_id) == self.status

    def batch(self, env: BatchEnv) -> BatchValue:
        statuses = env.component_status(self.component_id).data
        return BatchValue(statuses == self.status, faithful=True)

    def words(self) -> str:
        return f"{self.component_id} is {self.status}"

    def words_zh(self, zh: ZhWords) -> str:
        return f"{self.component_id} {_STATUS_ZH.get(self.status, self.status)}"

    def shown(self, env: ShowEnv) -> str:
        label, status = env.component_text(self.component_id), env.status_text(self.status)
        return env.say(f"{label} is {status}", f"{label}{status}")

    def condition_text(self) -> Text:
        behind = (
            f"{self.component_id} {_STATUS_ZH['behind']}"
            if self.status == "behind"
            else self.words()
        )
        return Text(self.words(), behind)

    def status_reads(self) -> tuple[tuple[str | None, str], ...]:
        return ((self.component_id, self.status),)


@attrs.frozen(eq=False)
class ComponentsWithStatus(Expr):
    """The ids of the components that reported *status*, in scheme order (a list)."""

    status: str

    sees = frozenset({"statuses"})

    def exact(self, env: ExactEnv) -> Any:
        return [c for c in env.component_ids() if env.component_status(c) == self.status]

    def batch(self, env: BatchEnv) -> BatchValue:
        # One list per pattern of components, shared by the rows of that pattern
        # (the engine publishes a copy per row).
        ids = env.component_ids()
        columns = [env.component_status(c).data == self.status for c in ids]
        if len(ids) > 62:
            out = np.empty(env.size, dtype=object)
            for row in range(env.size):
                out[row] = list(itertools.compress(ids, [col[row] for col in columns]))
            return BatchValue(out)  # lists: no floats to be faithful
        pattern = np.zeros(env.size, dtype=np.int64)
        for bit, column in enumerate(columns):
            pattern |= column.astype(np.int64) << bit
        codes, rows = np.unique(pattern, return_inverse=True)
        lists = np.empty(len(codes), dtype=object)
        for i, code in enumerate(codes.tolist()):
            lists[i] = [c for bit, c in enumerate(ids) if code >> bit & 1]
        return BatchValue(lists[rows])

    def words(self) -> str:
        return f"the components that are {self.status}"

    def words_zh(self, zh: ZhWords) -> str:
        return f"{_STATUS_ZH.get(self.status, self.status)}的考核项"

    def shown(self, env: ShowEnv) -> str:
        ids = [c for c in env.component_ids() if env.component_status(c) == self.status]
        if not ids:
            return env.value_text(None)
        return env.say(", ", "、").join(env.component_text(c) for c in ids)

    def check_type(self, checker: TypeChecker) -> ValueType:
        return LIST

    def status_reads(self) -> tuple[tuple[str | None, str], ...]:
        return ((None, self.status),)


@attrs.frozen(eq=False)
class NoneWithStatus(Expr):
    """True when no component reported *status* (e.g. on schedule: nothing ``behind``)."""

    status: str

    sees = frozenset({"statuses"})

    def exact(self, env: ExactEnv) -> ExactValue:
        return all(env.component_status(c) != self.status for c in env.component_ids())

    def batch(self, env: BatchEnv) -> BatchValue:
        out = np.ones(env.size, dtype=bool)
        for c in env.component_ids():
            out &= env.component_status(c).data != self.status
        return BatchValue(out, faithful=True)

    def words(self) -> str:
        return f"no component is {self.status}"

    def words_zh(self, zh: ZhWords) -> str:
        return f"没有{_STATUS_ZH.get(self.status, self.status)}的考核项"

    def shown(self, env: ShowEnv) -> str:
        status = env.status_text(self.status)
        return env.say(f"no component is {status}", f"没有考核项{status}")

    def check_type(self, checker: TypeChecker) -> ValueType:
        return FLAG

    def range(self, env: RangeEnv) -> Range:
        return Range(truths=BOTH)

    def status_reads(self) -> tuple[tuple[str | None, str], ...]:
        return ((None, self.status),)
