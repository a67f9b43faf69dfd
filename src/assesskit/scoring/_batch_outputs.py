"""The result arrays of a whole batch, allocated once and filled chunk by chunk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._batchmath import BoolArray, FloatArray
from assesskit.results import BatchResult
from assesskit.scoring._batch_env import NONE
from assesskit.scoring._batch_texts import BatchOutcomes

if TYPE_CHECKING:
    from assesskit.scoring._batch_plan import BatchPlan

__all__ = ["BatchOutputs"]


@attrs.define
class BatchOutputs:
    """The result arrays of a whole batch, filled chunk by chunk.

    A text outcome with few distinct values (``withheld`` / ``payable``) is
    kept as a small code per row into its table of texts, and becomes an
    array of Python strings only when it is read (see :class:`BatchOutcomes`).
    """

    size: int
    total: FloatArray
    band_index: npt.NDArray[np.int64]
    vetoed: BoolArray
    veto_fired: dict[str, BoolArray]
    components: dict[str, FloatArray]
    outcomes: dict[str, npt.NDArray[Any]]
    texts: dict[str, tuple[npt.NDArray[np.integer[Any]], tuple[str | None, ...]]]
    statuses: dict[str, npt.NDArray[Any] | None]
    # rows of each flag outcome without a value (published as False in the batch result)
    flags_missing: dict[str, BoolArray]

    @classmethod
    def allocate(cls, plan: BatchPlan, size: int) -> BatchOutputs:
        """Empty result arrays of *size* rows for the scheme of *plan*."""
        scheme = plan.scheme
        outcomes: dict[str, npt.NDArray[Any]] = {}
        texts: dict[str, tuple[npt.NDArray[np.integer[Any]], tuple[str | None, ...]]] = {}
        for spec in scheme.outcomes:
            if spec.kind in ("money", "number"):
                outcomes[spec.id] = np.empty(size)
            elif spec.kind == "flag":
                outcomes[spec.id] = np.empty(size, dtype=bool)
            elif spec.id in plan.text_tables:
                table = plan.text_tables[spec.id]
                dtype = np.uint8 if len(table) <= 256 else np.intp
                texts[spec.id] = (np.empty(size, dtype=dtype), table)
            else:
                outcomes[spec.id] = np.empty(size, dtype=object)
        # without bands every row has none: one read-only column of -1, written by nobody
        band_index: npt.NDArray[np.int64] = (
            np.empty(size, dtype=np.int64)
            if plan.bands is not None
            else np.broadcast_to(np.int64(-1), (size,))
        )
        return cls(
            size,
            np.empty(size),
            band_index,
            np.empty(size, dtype=bool),
            {v.id: np.empty(size, dtype=bool) for v in scheme.vetoes},
            {c.id: np.empty(size) for c in scheme.components},
            outcomes,
            texts,
            dict.fromkeys((c.id for c in scheme.components), None),
            {o.id: np.zeros(size, dtype=bool) for o in scheme.outcomes if o.kind == "flag"},
        )

    def status(self, component_id: str, start: int, stop: int, value: npt.NDArray[Any]) -> None:
        """Write a chunk of the statuses a component's rule reported."""
        column = self.statuses[component_id]
        if column is None:
            column = self.statuses[component_id] = np.full(self.size, None, dtype=object)
        column[start:stop] = value

    def result(self, plan: BatchPlan) -> BatchResult:
        """The filled arrays as a :class:`~assesskit.results.BatchResult`."""
        scheme = plan.scheme
        # A rule that reports no status gets one read-only column of None for the whole batch.
        none = np.broadcast_to(NONE, (self.size,))
        statuses = {cid: none if s is None else s for cid, s in self.statuses.items()}
        order = [spec.id for spec in scheme.outcomes]
        return BatchResult(
            size=self.size,
            total=self.total,
            band_index=self.band_index,
            band_ids=() if scheme.bands is None else scheme.bands.ids(),
            vetoed=self.vetoed,
            veto_fired=self.veto_fired,
            components=self.components,
            outcomes=BatchOutcomes(order, self.outcomes, self.texts),
            component_status=statuses,
        )
