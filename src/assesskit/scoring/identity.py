"""Whom and when each record assesses, and the one check for a record given twice.

Every front end (one record, a batch, a stream, a Dask partition, the
record-by-record command line) reads a record's entity and period, finds
the same entity and period (and stage) given twice with
:func:`duplicate_rows`, and words the problem with :func:`duplicate_problem`.

>>> import numpy as np
>>> entity = np.array([0, 1, 0]); period = np.array([7, 7, 7])
>>> duplicate_rows(entity, period, known=np.ones(3, dtype=bool))
[(2, 0)]
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._columns import as_array
from assesskit.errors import InvalidInputError, Problem
from assesskit.metrics import is_missing
from assesskit.periods import Period, PeriodKind
from assesskit.reading import SPACES
from assesskit.scoring._batch_periods import factorise
from assesskit.scoring.history_stage import period_index
from assesskit.stages import DATE_FIELD, STAGE_FIELD

if TYPE_CHECKING:
    from assesskit.definition import SchemeDefinition

__all__ = [
    "ENTITY_FIELD",
    "BatchIdentity",
    "Factors",
    "Twice",
    "duplicate_problem",
    "duplicate_rows",
    "identity_problems",
    "missing_fields",
    "required_fields",
]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
ObjectArray = npt.NDArray[np.object_]

#: The input field naming whom a record assesses.
ENTITY_FIELD = "entity_id"


@attrs.frozen
class Twice:
    """A record whose entity and period (and stage) an earlier record has.

    ``field`` is the scheme's period field and ``raw`` the period cell as
    given. Where the earlier record is may be known only later (a Dask
    partition does not know its lines): :meth:`problem` words it then.
    """

    field: str
    entity: str
    period: Period
    stage: str | None
    raw: object

    def problem(self, first: str) -> Problem:
        """The problem, in the one wording of every path; *first* locates the earlier record.

        *first* is "row 1", "at a.csv line 2"…
        """
        what = f"{self.entity} {self.period}" + (f" stage {self.stage}" if self.stage else "")
        return Problem(
            self.field,
            self.raw,
            f"{what} appears twice (also {first}); give each entity and period once",
        )


def duplicate_problem(
    scheme: SchemeDefinition,
    entity: str,
    period: Period,
    stage: str | None,
    raw: object,
    first: str,
) -> Problem:
    """The problem of a record whose entity and period (and stage) came before, at *first*."""
    return Twice(scheme.period_field, entity, period, stage, raw).problem(first)


def identity_problems(
    scheme: SchemeDefinition, entity: str | None, values: Mapping[str, object], skip: frozenset[str]
) -> list[Problem]:
    """A record read from a file must say whom (``entity_id``) and when (its period).

    Fields in *skip* are missing from the whole file and reported once there.
    """
    found: list[Problem] = []
    if entity is None and ENTITY_FIELD not in skip:
        found.append(Problem(ENTITY_FIELD, None, "is required (whom the record assesses)"))
    field = scheme.period_field
    if is_missing(values.get(field)) and field not in skip:
        form = "YYYY-MM" if scheme.period is PeriodKind.MONTHLY else "a year YYYY"
        found.append(Problem(field, None, f"is required: {form}"))
    return found


def required_fields(scheme: SchemeDefinition) -> list[str]:
    """The fields every record of *scheme* must have: whom, when, stage, date, required inputs."""
    names = [ENTITY_FIELD, scheme.period_field]
    if scheme.stages:
        names += [STAGE_FIELD, DATE_FIELD]
    return names + [m.name for m in scheme.metrics if m.required]


def missing_fields(
    scheme: SchemeDefinition, columns: Iterable[str], what: str = "file"
) -> list[Problem]:
    """Required fields an input of *columns* lacks, each with the column perhaps meant.

    *what* names the input in the message ("file", "input").
    """
    found = [str(c) for c in columns]
    known = {ENTITY_FIELD, scheme.period_field, STAGE_FIELD, DATE_FIELD, *scheme.metric_map}
    unknown = [c for c in found if c not in known]
    problems = []
    for name in required_fields(scheme):
        if name in found:
            continue
        close = difflib.get_close_matches(name, unknown, n=1)
        hint = f"; is {close[0]!r} meant?" if close else ""
        problems.append(Problem(name, None, f"is required but the {what} has no such column{hint}"))
    return problems


def duplicate_rows(*codes: IntArray, known: BoolArray) -> list[tuple[int, int]]:
    """``(row, first)`` for each *known* row whose codes an earlier known row has, by row.

    *codes* are key columns of equal length (entity, period index, stage…);
    rows are the same when every column is. This is the one check for the
    same entity and period (and stage) given twice, on every path.
    """
    rows = np.flatnonzero(known)
    if len(rows) < 2:
        return []
    columns = [np.asarray(c, dtype=np.int64)[rows] for c in codes]
    packed = _packed(columns)
    if packed is not None:
        order = np.argsort(packed, kind="stable")  # equal keys keep row order
        ordered = packed[order]
        same = ordered[1:] == ordered[:-1]
    else:
        order = np.lexsort(columns[::-1])  # stable too
        same = np.ones(len(rows) - 1, dtype=bool)
        for column in columns:
            ordered = column[order]
            same &= ordered[1:] == ordered[:-1]
    repeats = np.flatnonzero(same) + 1
    if not len(repeats):
        return []
    starts = np.ones(len(rows), dtype=bool)
    starts[repeats] = False
    head = np.maximum.accumulate(np.where(starts, np.arange(len(rows)), 0))
    pairs = [(int(rows[order[r]]), int(rows[order[head[r]]])) for r in repeats.tolist()]
    return sorted(pairs)


def _packed(columns: list[IntArray]) -> IntArray | None:
    """The key columns as one int64 per row, when their ranges fit in 62 bits; else ``None``."""
    packed = np.zeros(len(columns[0]), dtype=np.int64)
    room = 1
    for column in columns:
        low, high = int(column.min()), int(column.max())
        width = high - low + 1
        room *= width
        if room >= 1 << 62:
            return None
        packed = packed * width + (column - low)
    return packed


# -- reading the batch's identity columns ---------------------------------------------------


_STRIPPED = operator.methodcaller("strip", SPACES)


def _entity_texts(distinct: list[Any]) -> tuple[list[Any], IntArray, dict[str, int]]:
    """Each distinct entity value as text (``None`` when missing), its code, and the codes
    by text: values written alike (``1``, ``"1"``) share one, and so do the missing ones
    (as ``""``).

    Texts that all have a value, as identifiers mostly are, are coded in C.
    """
    if set(map(type, distinct)) == {str} and all(map(_STRIPPED, distinct)):
        codes = {text: code for code, text in enumerate(distinct)}  # distinct: a code each
        return distinct, np.arange(len(distinct)), codes
    codes_of: dict[str, int] = {}
    texts = [None if is_missing(v) else str(v) for v in distinct]
    table = np.array([codes_of.setdefault(t or "", len(codes_of)) for t in texts])
    return texts, table, codes_of


#: Codes per row into a list of distinct values.
Factors = tuple[npt.NDArray[np.intp], list[Any]]


def _factorise(column: npt.NDArray[Any]) -> Factors:
    """Codes into the distinct values of *column* (first seen first): each distinct read once."""
    values = column.tolist()
    try:
        return factorise(values)
    except TypeError:  # an unhashable value: every row on its own
        return np.arange(len(values), dtype=np.intp), values


@attrs.frozen
class BatchIdentity:
    """Whom and when each row of a batch assesses, read once per distinct value.

    ``entities`` holds each row's entity id as text (``None`` when missing)
    and ``entity_codes`` a code per row, equal for equal ids (a row without
    an entity has the code of ``""``: it looks up only earlier history
    filed under no entity, as the exact path does); ``codes_of`` maps each
    id to its code. ``periods`` holds each row's
    :class:`~assesskit.periods.Period` (``None`` when missing),
    ``period_codes`` a code per row into ``period_table`` (the distinct
    periods), ``period_index`` the :func:`period_index` of each row (0 where
    missing), ``dated`` the rows with a period and ``known`` the rows with
    an entity and a period (the rows other rows may see as history).
    """

    entities: ObjectArray
    entity_codes: IntArray
    codes_of: Mapping[str, int]
    periods: ObjectArray
    period_codes: npt.NDArray[np.intp]
    period_table: tuple[Period | None, ...]
    period_index: IntArray
    dated: BoolArray
    known: BoolArray

    @classmethod
    def of(
        cls,
        scheme: SchemeDefinition,
        columns: Mapping[str, Any],
        size: int,
        *,
        factors: Mapping[str, Factors] | None = None,
    ) -> BatchIdentity:
        """Read ``entity_id`` and the period field of *columns*.

        *factors* may give, for either field, its codes per row and distinct
        values when the caller has them already (Arrow's dictionary
        encoding of a text column, say); otherwise each column is factorised
        here.

        Raises :class:`~assesskit.errors.InvalidInputError` naming every row
        with a period that is not one (as both scoring paths do).
        """
        given = factors or {}
        from assesskit.scoring.exact import read_period

        entity_column = columns.get(ENTITY_FIELD)
        codes_of: dict[str, int]
        if entity_column is None:
            entities = np.full(size, None, dtype=object)
            entity_codes = np.zeros(size, dtype=np.int64)
            codes_of = {"": 0}
        else:
            raw_codes, distinct = given.get(ENTITY_FIELD) or _factorise(as_array(entity_column))
            texts, table, codes_of = _entity_texts(distinct)
            entity_codes = (
                table[raw_codes].astype(np.int64) if len(table) else np.zeros(0, np.int64)
            )
            entities = np.empty(size, dtype=object)
            entities[:] = np.array(texts, dtype=object)[raw_codes] if texts else []
        missing_entity = entities == None  # noqa: E711 - elementwise on an object array
        period_column = columns.get(scheme.period_field)
        if period_column is None:
            period_codes = np.zeros(size, dtype=np.intp)
            period_table: tuple[Period | None, ...] = (None,)
        else:
            raw_codes, distinct = given.get(scheme.period_field) or _factorise(
                as_array(period_column)
            )
            read = [read_period(scheme, v) for v in distinct]
            broken = [i for i, (_, rule) in enumerate(read) if rule is not None]
            if broken:
                bad = np.isin(raw_codes, broken)
                raise InvalidInputError(
                    Problem(scheme.period_field, distinct[raw_codes[row]], rule, row=row)
                    for row in np.flatnonzero(bad).tolist()
                    for rule in [read[raw_codes[row]][1]]
                    if rule is not None
                )
            period_codes = raw_codes
            period_table = tuple(period for period, _ in read)
        lookup = np.array(period_table, dtype=object)
        periods = lookup[period_codes] if size else np.empty(0, dtype=object)
        index_table = np.array(
            [0 if p is None else period_index(p) for p in period_table], dtype=np.int64
        )
        dated_table = np.array([p is not None for p in period_table], dtype=bool)
        dated = dated_table[period_codes] if size else np.zeros(0, dtype=bool)
        return cls(
            entities,
            entity_codes,
            codes_of,
            periods,
            period_codes,
            period_table,
            index_table[period_codes] if size else np.zeros(0, dtype=np.int64),
            dated,
            dated & ~missing_entity,
        )

    def duplicates(self) -> list[tuple[int, int]]:
        """(later row, first row) for each row repeating an entity and period of an earlier row."""
        return duplicate_rows(self.entity_codes, self.period_index, known=self.known)
