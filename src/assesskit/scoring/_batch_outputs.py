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
        """Empty result arrays of *size* rows for the scheme of *plan*.

        The float columns (total, component points, money and number outcomes)
        are the rows of one block, and the one-byte columns (vetoes, flags,
        small text codes) the rows of another: two large allocations are
        mapped afresh in huge pages, while a few dozen separate ones come from
        the heap and cost a page fault every few kilobytes on first write
        (a third of a million-row batch's time). A block lives as long as any
        of its columns does.
        """
        scheme = plan.scheme
        numbers = [spec for spec in scheme.outcomes if spec.kind in ("money", "number")]
        flags = [spec for spec in scheme.outcomes if spec.kind == "flag"]
        small_texts = [
            spec.id
            for spec in scheme.outcomes
            if spec.id in plan.text_tables and len(plan.text_tables[spec.id]) <= 256
        ]
        floats = iter(np.empty((1 + len(scheme.components) + len(numbers), size)))
        byte_rows = 1 + len(scheme.vetoes) + 2 * len(flags) + len(small_texts)
        # zeros: a flag outcome's rows without a value start as none
        bytes_ = iter(np.zeros((byte_rows, size), dtype=bool))
        outcomes: dict[str, npt.NDArray[Any]] = {}
        texts: dict[str, tuple[npt.NDArray[np.integer[Any]], tuple[str | None, ...]]] = {}
        for spec in scheme.outcomes:
            if spec.kind in ("money", "number"):
                outcomes[spec.id] = next(floats)
            elif spec.kind == "flag":
                outcomes[spec.id] = next(bytes_)
            elif spec.id in small_texts:
                texts[spec.id] = (next(bytes_).view(np.uint8), plan.text_tables[spec.id])
            elif spec.id in plan.text_tables:
                texts[spec.id] = (np.empty(size, dtype=np.intp), plan.text_tables[spec.id])
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
            next(floats),
            band_index,
            next(bytes_),
            {v.id: next(bytes_) for v in scheme.vetoes},
            {c.id: next(floats) for c in scheme.components},
            outcomes,
            texts,
            dict.fromkeys((c.id for c in scheme.components), None),
            {spec.id: next(bytes_) for spec in flags},
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
